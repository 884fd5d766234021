package dev.fortress.platform;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.fortress.identity.internal.Accounts;
import dev.fortress.platform.web.ApiException;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
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
		assertProblem(last, 429, "rate-limited");
		assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
	}

	/**
	 * The bucket follows the path as it is routed, not as it is spelled: escapes,
	 * repeated slashes, dot segments, path parameters, a trailing slash or another case
	 * never move a credential request into the generous bucket (whether the request is
	 * then served or refused by a later gate).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/auth/login", "/api/v1/auth/log%69n", "/api/v1/auth/%6C%6F%67%69%6E",
			"/api/v1/auth/regist%65r", "/api/v1/auth/refres%68", "/api/v1/auth/login/", "//api/v1/auth/login",
			"/api/v1//auth/login", "/api/v1/auth/login;jsessionid=0123456789ABCDEF", "/api/v1/auth;x=1/register",
			"/api/v1/auth/./refresh", "/api/v1/x/../auth/login", "/api/v1/auth/%2e/login", "/api/v1/auth/LOGIN",
			"/API/V1/AUTH/Register" })
	void everySpellingOfACredentialPathSpendsTheCredentialBucket(String target) {
		Http.Response response = this.raw.send("POST", target, Map.of("Content-Type", "application/json"), "{}");
		assertThat(response.header("RateLimit-Policy")).as("%s answered %s", target, response)
			.isEqualTo("\"auth\";q=3;w=60");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/api/v1/auth/logout", "/api/v1/auth/login/more", "/api/v1/auth/loginx", "/api/v1/products" })
	void otherPathsSpendTheApiBucket(String target) {
		Http.Response response = this.raw.send("POST", target, Map.of("Content-Type", "application/json"), "{}");
		assertThat(response.header("RateLimit-Policy")).as("%s answered %s", target, response)
			.isEqualTo("\"api\";q=5;w=60");
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
		assertProblem(limited, 429, "rate-limited");
		assertThat(limited.header("Retry-After")).isNotBlank();
		// Another user is not affected, and neither is the health probe.
		assertThat(this.http.get("/api/v1/me").token(tokenWithoutUsingTheAuthBucket()).send().status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health").send().status()).isEqualTo(200);
	}

	@Test
	void graphQlRequestsSpendTheCallersApiBucket() {
		String token = tokenWithoutUsingTheAuthBucket();
		Map<String, String> query = Map.of("query", "{ me { id } }");
		for (int i = 0; i < 5; i++) {
			Http.Response ok = this.http.post("/graphql", query).token(token).send();
			assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
			assertThat(ok.header("RateLimit")).isEqualTo("\"api\";r=" + (4 - i) + ";t=0");
		}
		assertProblem(this.http.post("/graphql", query).token(token).send(), 429, "rate-limited");
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

	private RawHttp raw;

	@BeforeEach
	void raw() {
		this.raw = new RawHttp(this.port);
	}

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
