package dev.fortress.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.fortress.identity.internal.Accounts;
import dev.fortress.platform.web.ApiException;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token buckets with small limits (this class runs in its own application context, so its
 * buckets start full and nobody else drains them).
 */
@TestPropertySource(properties = { "fortress.rate-limit.auth=3", "fortress.rate-limit.api=5",
		"fortress.identity.login-failures-per-account=3" })
class RateLimitIntegrationTests extends IntegrationTest {

	@Test
	void credentialEndpointsHaveAStrictPerIpBucket() {
		Http.Response last = null;
		for (int i = 0; i < 4; i++) {
			last = this.http
				.post("/api/v1/auth/login", Map.of("email", "nobody@example.com", "password", "whatever-it-is"))
				.send();
			assertThat(last.header("RateLimit-Policy")).isEqualTo("\"auth\";q=3;w=60");
			assertThat(last.header("RateLimit")).startsWith("\"auth\";r=");
		}
		GatesIntegrationTests.assertProblem(last, 429, "rate-limited");
		assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
	}

	@Test
	void authenticatedCallersHaveTheirOwnBucket() {
		String token = tokenWithoutUsingTheAuthBucket();
		for (int i = 0; i < 5; i++) {
			Http.Response ok = this.http.get("/api/v1/me").token(token).send();
			assertThat(ok.status()).isEqualTo(200);
			assertThat(ok.header("RateLimit")).isEqualTo("\"api\";r=" + (4 - i) + ";t=0");
		}
		Http.Response limited = this.http.get("/api/v1/me").token(token).send();
		GatesIntegrationTests.assertProblem(limited, 429, "rate-limited");
		assertThat(limited.header("Retry-After")).isNotBlank();
		// Another user is not affected, and neither is the health probe.
		assertThat(this.http.get("/api/v1/me").token(tokenWithoutUsingTheAuthBucket()).send().status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health").send().status()).isEqualTo(200);
	}

	@Test
	void repeatedFailuresLockTheAccountTemporarily() {
		String email = "locked-" + System.nanoTime() + "@example.com";
		createUserDirectly(email);
		// Through the service, not HTTP, so the per-IP bucket does not interfere.
		for (int i = 0; i < 3; i++) {
			assertThat(loginStatus(email, "wrong-password-" + i)).isEqualTo(401);
		}
		assertThat(loginStatus(email, PASSWORD)).as("even the right password").isEqualTo(429);
	}

	// The helpers below bypass the 3-per-minute auth bucket, which the tests above
	// exhaust.

	@Autowired
	Accounts accounts;

	private String tokenWithoutUsingTheAuthBucket() {
		String email = "bucket-" + System.nanoTime() + "@example.com";
		createUserDirectly(email);
		return this.accounts.login(email, PASSWORD).accessToken();
	}

	private void createUserDirectly(String email) {
		this.accounts.register(email, PASSWORD, "Bucket");
	}

	private int loginStatus(String email, String password) {
		try {
			this.accounts.login(email, password);
			return 200;
		}
		catch (ApiException ex) {
			return ex.type().status().value();
		}
	}

}
