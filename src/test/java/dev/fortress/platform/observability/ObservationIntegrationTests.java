package dev.fortress.platform.observability;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.config.observation.SecurityObservationSettings;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request is observed once, as {@code http.server.requests}; Spring Security's
 * per-filter observations are not made (their timers would appear in the scrape), the
 * orchestrator's health probes are not observed, and latency is published as histogram
 * buckets without client-side percentiles.
 */
class ObservationIntegrationTests extends IntegrationTest {

	@Autowired
	private SecurityObservationSettings securityObservations;

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

	@Test
	void springSecurityDoesNotWrapItsFiltersForObservation() {
		assertThat(this.securityObservations.shouldObserveRequests()).isFalse();
		assertThat(this.securityObservations.shouldObserveAuthentications()).isFalse();
		assertThat(this.securityObservations.shouldObserveAuthorizations()).isFalse();
	}

	@Test
	void healthProbesAreNotObservedAndLatencyHasBucketsButNoClientSidePercentiles() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.http.get("/actuator/health/liveness").send().status()).isEqualTo(200);
			assertThat(this.http.get("/actuator/health/readiness").send().status()).isEqualTo(200);
		}
		assertThat(this.http.get("/api/v1/products").send().status()).isEqualTo(200);

		String scrape = this.http.get("/actuator/prometheus").send().body();
		assertThat(scrape).contains("http_server_requests_seconds_bucket{")
			.contains("uri=\"/api/v1/products\"")
			.doesNotContain("uri=\"/actuator/health/liveness\"")
			.doesNotContain("uri=\"/actuator/health/readiness\"")
			.doesNotContain("http_server_requests_seconds{");
	}

}
