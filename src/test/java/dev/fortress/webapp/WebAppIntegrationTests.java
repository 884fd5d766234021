package dev.fortress.webapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app as HTTP sees it: the shell on every page path (deep links included) with
 * the app's policy, the files with theirs, the API's strict policy and its 404s
 * untouched, the script budget, and the refresh cookie with its anti-forgery rule.
 */
class WebAppIntegrationTests extends IntegrationTest {

	static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	@Test
	void everyPageServesTheShellWithTheAppPolicyAndNoToken() {
		for (String path : List.of("/", "/signin", "/projects/0190b3c4-0000-7000-8000-000000000000", "/admin",
				"/admin/dead-letters", "/drops/x", "/orders", "/search", "/search?q=launch&types=task,article", "/ask",
				"/articles", "/articles/new", "/articles/0190b3c4-0000-7000-8000-000000000000")) {
			Http.Response page = this.http.get(path).header("Accept", "text/html").send();
			assertThat(page.status()).as(path).isEqualTo(200);
			assertThat(page.header("Content-Type")).startsWith("text/html");
			assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/js/app.js\"></script>");
			assertThat(page.header("Content-Security-Policy")).isEqualTo(APP_POLICY);
			assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
		}
	}

	@Test
	void theFilesAreServedAsWhatTheyAreWithTheAppPolicy() {
		Http.Response script = this.http.get("/assets/js/app.js").send();
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.header("Content-Type")).contains("javascript");
		assertThat(script.header("Content-Security-Policy")).isEqualTo(APP_POLICY);
		assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
		assertThat(this.http.get("/assets/app.css").send().header("Content-Type")).startsWith("text/css");
		assertProblem(this.http.get("/assets/js/missing.js").send(), 404, "not-found");
	}

	@Test
	void theApiKeepsItsPolicyAndUnknownPathsStayProblems() {
		Http.Response api = this.http.get("/api/v1/products").send();
		assertThat(api.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
		assertProblem(this.http.get("/api/v1/no-such-thing").send(), 404, "not-found");
		assertProblem(this.http.get("/api/v1/projects/x/board").header("Accept", "text/html").send(), 404, "not-found");
		assertProblem(this.http.get("/articles/x/versions").header("Accept", "text/html").send(), 404, "not-found");
		assertProblem(this.http.get("/search/x").header("Accept", "text/html").send(), 404, "not-found");
		Http.Response unknown = this.http.get("/no-such-page").send();
		assertProblem(unknown, 404, "not-found");
		assertThat(unknown.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
	}

	/** Every module is loaded on first visit (app.js imports all pages), so all count. */
	@Test
	void theScriptOfAFirstLoadStaysUnder200Kilobytes() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/webapp/assets"))) {
			long bytes = files.filter((file) -> file.toString().endsWith(".js")).mapToLong((file) -> {
				try {
					return Files.size(file);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).sum();
			assertThat(bytes).isBetween(1L, 200L * 1024);
		}
	}

	/**
	 * The console's health page reads these series; the outbox gauges once read NaN after
	 * a garbage collection (Micrometer holds a gauge's object weakly).
	 */
	@Test
	void theMetricsTheConsoleReadsAreThereAndNumbersAfterAGarbageCollection() {
		System.gc();
		String metrics = this.http.get("/actuator/prometheus").header("Accept", "text/plain").send().body();
		assertThat(metrics).containsPattern("(?m)^fortress_events_dead_letters [0-9.]+$")
			.containsPattern("(?m)^fortress_events_incomplete [0-9.]+$")
			.containsPattern("(?m)^hikaricp_connections_max\\{.*\\} [0-9.]+$")
			.contains("resilience4j_circuitbreaker_state{");
	}

	@Test
	void loginSetsTheRefreshCookieScopedStrictAndHiddenFromScript() {
		TestUser user = newUser("cookie");
		Http.Response login = this.http.post("/api/v1/auth/login", Map.of("email", user.email(), "password", PASSWORD))
			.send();
		String cookie = login.header("Set-Cookie");
		assertThat(cookie).startsWith("fortress_refresh=" + login.text("refreshToken") + ";")
			.contains("Path=/api/v1/auth", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=2592000");
	}

	@Test
	void theCookieRefreshesOnlyWithTheAntiForgeryHeaderAndRotates() {
		TestUser user = newUser("cookie");
		String first = login(user).refreshToken();

		assertProblem(this.http.post("/api/v1/auth/refresh", null).header("Cookie", "fortress_refresh=" + first).send(),
				401, "unauthorized");
		Http.Response refreshed = this.http.post("/api/v1/auth/refresh", null)
			.header("Cookie", "fortress_refresh=" + first)
			.header("X-Requested-With", "fortress-web")
			.send();
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		String second = refreshed.text("refreshToken");
		assertThat(second).isNotEqualTo(first);
		assertThat(refreshed.header("Set-Cookie")).startsWith("fortress_refresh=" + second + ";");
		assertProblem(this.http.post("/api/v1/auth/refresh", null).send(), 401, "unauthorized");
	}

	@Test
	void logoutWithTheCookieEndsTheSessionAndClearsTheCookie() {
		LoggedIn user = login(newUser("cookie"));
		Http.Response logout = this.http.post("/api/v1/auth/logout", null)
			.token(user.accessToken())
			.header("Cookie", "fortress_refresh=" + user.refreshToken())
			.header("X-Requested-With", "fortress-web")
			.send();
		assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
		assertThat(logout.header("Set-Cookie")).startsWith("fortress_refresh=;").contains("Max-Age=0");
		assertProblem(this.http.post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken())).send(), 401,
				"unauthorized");
	}

}
