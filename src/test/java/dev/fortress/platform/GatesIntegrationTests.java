package dev.fortress.platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gates every request passes: request id, security headers, body limit, error model.
 */
class GatesIntegrationTests extends IntegrationTest {

	LoggedIn user;

	@BeforeEach
	void user() {
		this.user = loggedIn("EDITOR");
	}

	@Test
	void aSaneRequestIdIsEchoedAndAnInsaneOneReplaced() {
		Http.Response kept = this.http.get("/api/v1/me")
			.token(this.user.accessToken())
			.header("X-Request-Id", "abc-123.x")
			.send();
		assertThat(kept.header("X-Request-Id")).isEqualTo("abc-123.x");
		Http.Response replaced = this.http.get("/api/v1/nowhere")
			.token(this.user.accessToken())
			.header("X-Request-Id", "evil\"id with spaces" + "x".repeat(200))
			.send();
		assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
		assertThat(replaced.text("requestId")).isEqualTo(replaced.header("X-Request-Id"));
		Http.Response generated = this.http.get("/api/v1/me").token(this.user.accessToken()).send();
		assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
	}

	@Test
	void securityHeadersAreOnEveryResponseIncludingErrors() {
		for (Http.Response response : new Http.Response[] {
				this.http.get("/api/v1/me").token(this.user.accessToken()).send(), this.http.get("/api/v1/me").send(),
				this.http.get("/api/v1/nowhere").token(this.user.accessToken()).send(),
				this.http.get("/actuator/health").send() }) {
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.header("Content-Security-Policy"))
				.isEqualTo("default-src 'none'; frame-ancestors 'none'");
			assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(response.header("Cache-Control")).isEqualTo("no-store");
			assertThat(response.header("Strict-Transport-Security")).as("plain HTTP").isNull();
		}
	}

	@Test
	void hstsIsSentWhenATrustedProxySaysTheRequestCameOverTls() {
		// The test server trusts no proxy, so a forged X-Forwarded-Proto must not switch
		// HSTS on.
		Http.Response response = this.http.get("/api/v1/me")
			.token(this.user.accessToken())
			.header("X-Forwarded-Proto", "https")
			.send();
		assertThat(response.header("Strict-Transport-Security")).isNull();
	}

	@Test
	void routingErrorsAreProblems() {
		Http.Response notFound = this.http.get("/api/v1/nowhere").token(this.user.accessToken()).send();
		assertProblem(notFound, 404, "not-found");
		Http.Response notAllowed = this.http.delete("/api/v1/me").token(this.user.accessToken()).send();
		assertProblem(notAllowed, 405, "method-not-allowed");
		assertThat(notAllowed.header("Allow")).contains("GET");
		Http.Response notAcceptable = this.http.get("/api/v1/me")
			.token(this.user.accessToken())
			.header("Accept", "text/html")
			.send();
		assertProblem(notAcceptable, 406, "not-acceptable");
		Http.Response unsupported = this.http.post("/api/v1/test-failures/echo", "<x/>")
			.token(this.user.accessToken())
			.header("Content-Type", "application/xml")
			.send();
		assertProblem(unsupported, 415, "unsupported-media-type");
	}

	@Test
	void invalidBodiesAreProblemsWithFieldErrors() {
		Http.Response invalid = this.http.post("/api/v1/test-failures/echo", Map.of("text", " "))
			.token(this.user.accessToken())
			.send();
		assertProblem(invalid, 400, "validation-error");
		assertThat(invalid.json().path("errors").get(0).path("field").asString()).isEqualTo("text");
		assertProblem(this.http.post("/api/v1/test-failures/echo", "not json").token(this.user.accessToken()).send(),
				400, "malformed-request");
		assertProblem(this.http.post("/api/v1/test-failures/echo", "").token(this.user.accessToken()).send(), 400,
				"malformed-request");
	}

	@Test
	void bodiesOverOneMebibyteAreRefused() throws Exception {
		String big = "{\"text\":\"" + "x".repeat(1024 * 1024) + "\"}";
		assertProblem(this.http.post("/api/v1/test-failures/echo", big).token(this.user.accessToken()).send(), 413,
				"payload-too-large");
		// Chunked: no Content-Length, so the limit is enforced while reading.
		HttpRequest chunked = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/test-failures/echo"))
			.header("Authorization", "Bearer " + this.user.accessToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("payload-too-large");
		String fine = "{\"text\":\"" + "x".repeat(1000) + "\"}";
		assertThat(this.http.post("/api/v1/test-failures/echo", fine).token(this.user.accessToken()).send().status())
			.isEqualTo(200);
	}

	/**
	 * A refused body is not drained: Tomcat reads at most {@code max-swallow-size} of
	 * what follows before it closes the connection, so a client streaming junk costs the
	 * server little, and still gets its problem answer first. The client's send buffer is
	 * kept small so that what it manages to write is what the server read plus little in
	 * flight: under 1 MiB (the old 2 MB swallow let it write more than 2 MB).
	 */
	@Test
	void aRefusedBodyIsNotDrainedAndTheConnectionClosesAfterTheProblem() throws Exception {
		String head = "POST /api/v1/test-failures/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Authorization: Bearer " + this.user.accessToken() + "\r\n";
		byte[] junk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
		byte[] chunk = ("10000\r\n" + "x".repeat(64 * 1024) + "\r\n").getBytes(StandardCharsets.US_ASCII);
		assertClosedAfterProblem(sendRefused(head + "Content-Length: 67108864\r\n\r\n", junk), 413,
				"payload-too-large");
		assertClosedAfterProblem(sendRefused(head + "Transfer-Encoding: chunked\r\n\r\n", chunk), 400,
				"malformed-request");
	}

	private static void assertClosedAfterProblem(Refused refused, int status, String type) {
		assertThat(refused.answer()).startsWith("HTTP/1.1 " + status)
			.contains("Connection: close")
			.contains("application/problem+json")
			.contains(type);
		assertThat(refused.written()).isLessThan(1024 * 1024);
	}

	/**
	 * Sends the head, then the same bytes over and over (up to 64 MiB) until the server
	 * closes the connection; returns what the server answered and how much was written.
	 */
	private Refused sendRefused(String head, byte[] junk) throws Exception {
		try (Socket socket = new Socket()) {
			socket.setSendBufferSize(64 * 1024);
			socket.setSoTimeout(10_000);
			socket.connect(new InetSocketAddress("localhost", this.port));
			socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
			AtomicLong written = new AtomicLong();
			Thread writer = new Thread(() -> {
				try {
					while (written.get() < 64L * 1024 * 1024) {
						socket.getOutputStream().write(junk);
						written.addAndGet(junk.length);
					}
				}
				catch (IOException closed) {
					// the server closed the connection: what we wanted
				}
			});
			writer.start();
			// Read until the server closes; a reset after the answer ends the read, too.
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n; (n = socket.getInputStream().read(buffer)) >= 0;) {
					answer.write(buffer, 0, n);
				}
			}
			catch (SocketException reset) {
				// the answer came before the reset
			}
			writer.join(10_000);
			return new Refused(answer.toString(StandardCharsets.UTF_8), written.get());
		}
	}

	record Refused(String answer, long written) {
	}

	@Test
	void requestsTomcatRejectsItselfAreProblemsToo() throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream()
				.write("GET /api/v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(raw).startsWith("HTTP/1.1 400")
				.contains("application/problem+json")
				.contains("malformed-request")
				.doesNotContain("<html");
		}
	}

	@Test
	void unexpectedFailuresAre500WithoutDetails() {
		Http.Response response = this.http.get("/api/v1/test-failures/unexpected")
			.token(this.user.accessToken())
			.send();
		assertProblem(response, 500, "internal-error");
		assertThat(response.body()).doesNotContain(FailureTestController.SECRET).doesNotContain("IllegalState");
	}

	@Test
	void aDeadlockVictimIsAConflictToRetry() {
		Http.Response response = this.http.get("/api/v1/test-failures/deadlock").token(this.user.accessToken()).send();
		assertProblem(response, 409, "conflict");
		assertThat(response.header("Retry-After")).isEqualTo("1");
		assertThat(response.body()).doesNotContain(FailureTestController.SECRET);
	}

	@Test
	void anUnavailableDatabaseIs503() {
		Http.Response response = this.http.get("/api/v1/test-failures/database-down")
			.token(this.user.accessToken())
			.send();
		assertProblem(response, 503, "service-unavailable");
		assertThat(response.header("Retry-After")).isNotBlank();
		assertThat(response.body()).doesNotContain(FailureTestController.SECRET);
	}

	/**
	 * A checkout burst can hold every pooled connection; a request whose authentication
	 * then waits for one in vain (the account-status lookup, in a filter, before any
	 * controller) is load to shed: a 503 to retry, not an unhandled 500.
	 */
	@Test
	void aPoolExhaustedBeforeAnyControllerIs503(@Autowired DataSource dataSource) throws Exception {
		LoggedIn uncached = loggedIn("EDITOR");
		List<Connection> held = new ArrayList<>();
		Http.Response response;
		try {
			while (held.size() < 100) {
				held.add(dataSource.getConnection());
			}
		}
		catch (SQLException exhausted) {
			// Every connection of the pool is taken.
		}
		try {
			response = this.http.get("/api/v1/me").token(uncached.accessToken()).send();
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertProblem(response, 503, "service-unavailable");
		assertThat(response.header("Retry-After")).isEqualTo("5");
		assertThat(this.http.get("/api/v1/me").token(uncached.accessToken()).send().status()).isEqualTo(200);
	}

	@Test
	void aTransactionWhoseConnectionWasLostIs503() {
		Http.Response response = this.http.get("/api/v1/test-failures/connection-lost")
			.token(this.user.accessToken())
			.send();
		assertProblem(response, 503, "service-unavailable");
		assertThat(response.header("Retry-After")).isNotBlank();
		assertThat(response.body()).doesNotContain(FailureTestController.SECRET);
	}

	@Test
	void aTransactionThatFailedOtherwiseIs500() {
		Http.Response response = this.http.get("/api/v1/test-failures/rollback-failed")
			.token(this.user.accessToken())
			.send();
		assertProblem(response, 500, "internal-error");
	}

	@Test
	void crossOriginRequestsFromUnlistedOriginsGetNoCorsGrant() {
		Http.Response response = this.http.get("/api/v1/me")
			.header("Origin", "https://evil.example")
			.token(this.user.accessToken())
			.send();
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void operationsEndpointsArePublic() {
		assertThat(this.http.get("/actuator/health").send().status()).isEqualTo(200);
		Http.Response readiness = this.http.get("/actuator/health/readiness").send();
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/liveness").send().status()).isEqualTo(200);
		Http.Response metrics = this.http.get("/actuator/prometheus").send();
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests_seconds_bucket");
		Http.Response docs = this.http.get("/v3/api-docs").send();
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/v1/auth/login");
		assertThat(this.http.get("/.well-known/jwks.json").send().json().path("keys").get(0).path("kid").asString())
			.isNotBlank();
	}

}
