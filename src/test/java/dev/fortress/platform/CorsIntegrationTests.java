package dev.fortress.platform;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "fortress.http.cors-origins=https://app.example")
class CorsIntegrationTests extends IntegrationTest {

	@Test
	void aListedOriginIsGranted() {
		Http.Response granted = this.http.get("/api/v1/me")
			.header("Origin", "https://app.example")
			.header("Access-Control-Request-Method", "GET")
			.send();
		assertThat(granted.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
	}

	@Test
	void anUnlistedOriginIsRefusedWithAProblem() {
		Http.Response refused = this.http.get("/api/v1/me").header("Origin", "https://evil.example").send();
		GatesIntegrationTests.assertProblem(refused, 403, "forbidden");
		assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
	}

}
