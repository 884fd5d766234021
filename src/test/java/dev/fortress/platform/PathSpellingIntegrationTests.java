package dev.fortress.platform;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every gate that decides by path decides on the path as it is routed: a spelling either
 * reaches the same handler under the same rules, or is refused. (The rate limiter's
 * buckets are checked in {@link RateLimitIntegrationTests}, which has small limits.)
 */
class PathSpellingIntegrationTests extends IntegrationTest {

	private static final String LOGIN = "{\"email\":\"nobody@example.com\",\"password\":\"not-the-password\"}";

	/** What the documentation pages' policy allows and the API's does not. */
	private static final String DOCS_SCRIPTS = "script-src 'self'";

	private RawHttp raw;

	@BeforeEach
	void raw() {
		this.raw = new RawHttp(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/auth/log%69n", "/api/v1/auth/%6C%6F%67%69%6E", "/api/v1/%61uth/login" })
	void percentEscapesOfUnreservedCharactersReachTheSameHandler(String target) {
		Http.Response response = post(target, LOGIN);
		assertProblem(response, 401, "unauthorized");
		assertThat(response.text("detail")).isEqualTo("E-mail or password is incorrect");
	}

	/**
	 * Spellings the router would not match as written, or that only the container
	 * normalises, are refused before any handler runs.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "//api/v1/auth/login", "/api/v1//auth/login", "/api/v1/auth/login;jsessionid=0123456789",
			"/api/v1/auth;x=1/login", "/api/v1/auth/./login", "/api/v1/x/../auth/login", "/api/v1/auth/%2e/login",
			"/api/v1/auth/login%3Bx" })
	void ambiguousSpellingsAreRefusedAsMalformed(String target) {
		assertProblem(post(target, LOGIN), 400, "malformed-request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/auth/login/", "/api/v1/auth/LOGIN", "/api/v1/auth/login." })
	void aTrailingSlashOrAnotherCaseIsAnotherPathThatDoesNotExist(String target) {
		assertProblem(post(target, LOGIN), 404, "not-found");
	}

	/** A handler's own body limit follows the handler, not the spelling of its path. */
	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/orders", "/api/v1/%6Frders", "/api/v1/ord%65rs" })
	void aHandlersBodyLimitHoldsForEverySpellingThatReachesIt(String target) {
		LoggedIn editor = loggedIn("EDITOR");
		Map<String, String> headers = Map.of("Authorization", "Bearer " + editor.accessToken(), "Content-Type",
				"application/json", "Idempotency-Key", "spelling");
		String body = "{\"items\":[" + "{\"sku\":\"A\",\"quantity\":1},".repeat(3000);
		assertProblem(this.raw.send("POST", target, headers, body), 413, "payload-too-large");
	}

	@Test
	void publicReadsAreMatchedOnTheDecodedPath() {
		assertThat(this.raw.send("GET", "/api/v1/pr%6Fducts", Map.of(), null).status()).isEqualTo(200);
	}

	@Test
	void theAdminAreaIsMatchedOnTheDecodedPath() {
		LoggedIn editor = loggedIn("EDITOR");
		Map<String, String> token = Map.of("Authorization", "Bearer " + editor.accessToken());
		assertProblem(this.raw.send("GET", "/api/v1/%61dmin/users", token, null), 403, "forbidden");
		// Not a route at all: refused as a path that does not exist, whoever asks.
		assertProblem(this.raw.send("GET", "/api/v1/admin/users/", token, null), 404, "not-found");
		assertProblem(this.raw.send("GET", "/api/v1/%61dmin/users", Map.of(), null), 401, "unauthorized");
	}

	@Test
	void theDocumentationPolicyIsChosenOnTheRoutedPath() {
		Http.Response docs = this.raw.send("GET", "/swagger-ui/index.html", Map.of(), null);
		assertThat(docs.header("Content-Security-Policy")).contains(DOCS_SCRIPTS);
		Http.Response escaped = this.raw.send("GET", "/swagger%2Dui/index.html", Map.of(), null);
		assertThat(escaped.status()).isEqualTo(200);
		assertThat(escaped.header("Content-Security-Policy")).contains(DOCS_SCRIPTS);
		Http.Response api = this.raw.send("GET", "/swagger-ui/%2e%2e/api/v1/me", Map.of(), null);
		assertThat(api.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
	}

	private Http.Response post(String target, String body) {
		return this.raw.send("POST", target, Map.of("Content-Type", "application/json"), body);
	}

}
