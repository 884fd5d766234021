package dev.fortress.platform.observability;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request is observed once, as {@code http.server.requests}; Spring Security's
 * per-filter observations are not made (their timers would appear in the scrape).
 */
class ObservationIntegrationTests extends IntegrationTest {

	@Test
	void anAuthenticatedRequestIsObservedAsARequestButNotFilterByFilter() {
		LoggedIn user = loggedIn("EDITOR");
		assertThat(this.http.get("/api/v1/me").token(user.accessToken()).send().status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/me").send().status()).isEqualTo(401);

		Http.Response scrape = this.http.get("/actuator/prometheus").send();
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("http_server_requests_seconds_count{")
			.contains("tomcat_threads_busy")
			.doesNotContain("spring_security_filterchains")
			.doesNotContain("spring_security_http_secured_requests")
			.doesNotContain("spring_security_authorizations");
	}

}
