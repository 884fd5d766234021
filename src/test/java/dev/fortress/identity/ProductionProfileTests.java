package dev.fortress.identity;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fortress.FortressApplication;
import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionProfileTests {

	@TempDir
	Path dataDir;

	@Test
	void productionExposesOnlyHealth() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FortressApplication.class)
			.profiles("prod")
			.run("--server.port=0", "--fortress.data-dir=" + this.dataDir, "--fortress.identity.jwt-private-key=" + pem,
					"--fortress.payments.psp-url=http://127.0.0.1:9",
					"--fortress.payments.api-key=sk_live_not_used_here")) {
			Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
			assertThat(http.get("/actuator/health").send().status()).isEqualTo(200);
			assertThat(http.get("/actuator/prometheus").send().status()).isIn(401, 404);
			assertThat(http.get("/swagger-ui.html").send().status()).isIn(401, 404);
			// GraphQL answers, but GraphiQL is not served and the schema cannot be
			// introspected
			assertThat(http.get("/graphiql").send().status()).isIn(401, 404);
			Http.Response introspection = http.post("/graphql", Map.of("query", "{ __schema { queryType { name } } }"))
				.send();
			assertThat(introspection.json().path("errors").get(0).path("extensions").path("type").asString())
				.as(introspection.toString())
				.isEqualTo("forbidden");
			assertThat(introspection.body()).doesNotContain("queryType\":");
			Http.Response query = http.post("/graphql", Map.of("query", "{ products(first: 1) { nodes { id } } }"))
				.send();
			assertThat(query.json().path("data").path("products").path("nodes").isArray()).as(query.toString())
				.isTrue();
		}
	}

	@Test
	void productionRefusesToStartWithAGeneratedDevelopmentKey() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(FortressApplication.class).profiles("prod")
			.run("--server.port=0", "--fortress.data-dir=" + this.dataDir, "--fortress.identity.jwt-private-key="))
			.hasStackTraceContaining("FORTRESS_JWT_PRIVATE_KEY");
	}

}
