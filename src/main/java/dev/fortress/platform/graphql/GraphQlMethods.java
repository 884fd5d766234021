package dev.fortress.platform.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.fortress.platform.web.ProblemType;
import dev.fortress.platform.web.Problems;

/**
 * {@code /graphql} serves POST only. Any other method is answered as on every other path:
 * {@code 405 method-not-allowed} with {@code Allow: POST} and a problem body (Spring for
 * GraphQL answers a GET with an empty 405 and other methods not at all, which became a
 * 404).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlMethods {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlOtherMethods() {
		return RouterFunctions
			.route(RequestPredicates.path("/graphql").and(RequestPredicates.method(HttpMethod.POST).negate()),
					request -> ServerResponse.status(ProblemType.METHOD_NOT_ALLOWED.status())
						.header(HttpHeaders.ALLOW, HttpMethod.POST.name())
						.contentType(MediaType.APPLICATION_PROBLEM_JSON)
						.body(Problems.of(ProblemType.METHOD_NOT_ALLOWED,
								"Method " + request.method().name() + " is not allowed here",
								request.servletRequest())));
	}

}
