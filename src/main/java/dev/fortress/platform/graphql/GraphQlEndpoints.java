package dev.fortress.platform.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.web.PublicEndpoints;

/**
 * {@code /graphql} is open to anonymous callers like the public REST reads (products,
 * drops): every field that needs a caller asks for one and answers {@code unauthorized}
 * without. A token that is present must verify, exactly as on REST (401 otherwise).
 * GraphiQL is a static page (and off in production).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlEndpoints {

	@Bean
	PublicEndpoints graphQlEndpoint() {
		return PublicEndpoints.any("/graphql");
	}

	@Bean
	PublicEndpoints graphiQlPage() {
		return PublicEndpoints.get("/graphiql");
	}

}
