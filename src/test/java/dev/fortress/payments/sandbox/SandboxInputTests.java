package dev.fortress.payments.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.fortress.payments.SandboxClient;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox checks its key before it touches storage, and every input before it does
 * anything: each bad request gets a clear {@code 4xx} in the provider's error format,
 * stores nothing (no request log row, no payment) and writes no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxInputTests extends IntegrationTest {

	private static final String JSON = "application/json";

	@Autowired
	SandboxServer server;

	private SandboxClient provider;

	/** Every key and reference of this test starts with it, to count what was stored. */
	private String marker;

	@BeforeEach
	void provider() {
		this.provider = new SandboxClient(this.server.baseUri().toString(), this.server.apiKey());
		this.marker = "in-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void withoutTheRightKeyNothingIsReadOrStored(CapturedOutput output) throws Exception {
		String body = authorisation("100", "\"EUR\"");
		for (List<String> presented : List.of(List.<String>of(), List.of("sk_sandbox_fortress"),
				List.of(this.server.apiKey() + "x"), List.of(this.server.apiKey().substring(1)),
				List.of(this.server.apiKey(), this.server.apiKey()))) {
			assertError(authorizeWithKeys(presented, body), 401, "invalid_api_key");
		}
		// Not even which paths exist is told without the key.
		assertError(this.provider.sendWithout("GET", "/no-such-thing", Map.of(), null), 401, "invalid_api_key");
		assertNothingStoredOrLogged(output);
	}

	@Test
	void aSixKilobyteIdempotencyKeyIsRefusedWithoutAStackTrace(CapturedOutput output) {
		Http.Response answer = authorize(this.marker + "k".repeat(6 * 1024), authorisation("100", "\"EUR\""));

		assertError(answer, 400, "invalid_idempotency_key");
		assertNothingStoredOrLogged(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "key with spaces", "key/with/slashes", "key,with;punctuation", "key\"quoted\"" })
	void anIdempotencyKeyOutsideItsCharactersIsRefused(String key, CapturedOutput output) {
		Http.Response answer = this.provider.send("POST", "/payments",
				Map.of("Idempotency-Key", key, "Content-Type", JSON), authorisation("100", "\"EUR\""));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().path("error").path("code").asString()).isIn("invalid_idempotency_key",
				"missing_idempotency_key");
		assertNothingStoredOrLogged(output);
	}

	@Test
	void aWriteWithoutAnIdempotencyKeyIsRefused(CapturedOutput output) {
		assertError(
				this.provider.send("POST", "/payments", Map.of("Content-Type", JSON), authorisation("100", "\"EUR\"")),
				400, "missing_idempotency_key");
		assertError(this.provider.send("POST", "/payments/pay_" + "0".repeat(32) + "/refunds", Map.of(), null), 400,
				"missing_idempotency_key");
		assertNothingStoredOrLogged(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-5", "1.5", "\"100\"", "10000000000001", "99999999999999999999", "null", "true" })
	void anAmountThatIsNotAPositiveWholeNumberWithinLimitsIsRefused(String amount, CapturedOutput output) {
		assertError(authorize(this.marker, authorisation(amount, "\"EUR\"")), 400, "invalid_request");
		assertNothingStoredOrLogged(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"eur\"", "\"EURO\"", "\"ABC\"", "12", "null", "\"\"" })
	void aCurrencyThatIsNotAnIsoCodeIsRefused(String currency, CapturedOutput output) {
		assertError(authorize(this.marker, authorisation("100", currency)), 400, "invalid_request");
		assertNothingStoredOrLogged(output);
	}

	@Test
	void tokensAndReferencesOutsideTheirLimitsAreRefused(CapturedOutput output) {
		String reference = "\"" + this.marker + "\"";
		for (String body : new String[] {
				"{\"amount\":1,\"currency\":\"EUR\",\"token\":\"tok visa\",\"reference\":" + reference + "}",
				"{\"amount\":1,\"currency\":\"EUR\",\"token\":\"" + "t".repeat(101) + "\",\"reference\":" + reference
						+ "}",
				"{\"amount\":1,\"currency\":\"EUR\",\"token\":\"tok_visa\",\"reference\":\"" + this.marker + " x\"}",
				"{\"amount\":1,\"currency\":\"EUR\",\"token\":\"tok_visa\",\"reference\":\"" + this.marker
						+ "r".repeat(100) + "\"}" }) {
			assertError(authorize(this.marker, body), 400, "invalid_request");
		}
		assertNothingStoredOrLogged(output);
	}

	@Test
	void aBodyThatIsNotExactlyTheAuthorisationIsRefused(CapturedOutput output) {
		String reference = "\"" + this.marker + "\"";
		for (String body : new String[] { "{", "[]", "\"text\"", "",
				"{\"amount\":1,\"currency\":\"EUR\",\"token\":\"tok_visa\",\"reference\":" + reference
						+ ",\"extra\":1}",
				"{\"amount\":1,\"amount\":2,\"currency\":\"EUR\",\"token\":\"tok_visa\",\"reference\":" + reference
						+ "}",
				"{\"amount\":1,\"currency\":\"EUR\",\"token\":\"tok_visa\",\"reference\":" + reference + "} {}",
				"{\"currency\":\"EUR\",\"token\":\"tok_visa\",\"reference\":" + reference + "}" }) {
			assertError(authorize(this.marker, body), 400, "invalid_request");
		}
		assertError(this.provider.send("POST", "/payments",
				Map.of("Idempotency-Key", this.marker, "Content-Type", "text/plain"), authorisation("100", "\"EUR\"")),
				415, "unsupported_media_type");
		assertError(authorize(this.marker, "{\"pad\":\"" + "x".repeat(9 * 1024) + "\"}"), 413, "request_too_large");
		assertNothingStoredOrLogged(output);
	}

	@Test
	void pathsIdsAndQueriesAreCheckedToo(CapturedOutput output) {
		String key = this.marker;
		assertError(this.provider.post("/payments/pay_x/capture", key), 400, "invalid_request");
		assertError(this.provider.post("/payments/PAY_" + "0".repeat(32) + "/capture", key), 400, "invalid_request");
		assertError(this.provider.post("/payments/%2e%2e/capture", key), 400, "invalid_request");
		assertError(this.provider.post("/payments/pay_" + "0".repeat(32) + "/explode", key), 404, "not_found");
		assertError(this.provider.get("/nothing-here"), 404, "not_found");
		assertError(this.provider.get("/sandbox-psp/v1/payments"), 404, "not_found");
		assertError(this.provider.get("/payments?reference=" + this.marker + "&evil=1"), 400, "invalid_request");
		assertError(this.provider.get("/payments?reference=a&reference=b"), 400, "invalid_request");
		assertError(this.provider.get("/payments"), 400, "invalid_request");
		assertError(this.provider.get("/payments?reference=%E0%A4"), 400, "invalid_request");
		assertError(this.provider.get("/refunds?after=-1"), 400, "invalid_request");
		assertError(this.provider.get("/refunds?limit=101"), 400, "invalid_request");
		assertError(this.provider.get("/refunds?limit=0"), 400, "invalid_request");
		Http.Response wrongMethod = this.provider.send("DELETE", "/payments", Map.of(), null);
		assertError(wrongMethod, 405, "method_not_allowed");
		assertThat(wrongMethod.header("Allow")).isEqualTo("GET, POST");
		assertNothingStoredOrLogged(output);
		// A well-formed id that does not exist is a valid question with a plain answer.
		assertError(this.provider.get("/payments/pay_" + "0".repeat(32)), 404, "no_such_payment");
	}

	private String authorisation(String amount, String currency) {
		return "{\"amount\":" + amount + ",\"currency\":" + currency + ",\"token\":\"tok_visa\",\"reference\":\""
				+ this.marker + "\"}";
	}

	private Http.Response authorize(String key, String body) {
		return this.provider.send("POST", "/payments", Map.of("Idempotency-Key", key, "Content-Type", JSON), body);
	}

	/** An authorisation with the {@code X-Api-Key} header sent once per given value. */
	private Http.Response authorizeWithKeys(List<String> keys, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.server.baseUri() + "/payments"))
			.header("Idempotency-Key", this.marker)
			.header("Content-Type", JSON)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		keys.forEach(key -> request.header("X-Api-Key", key));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Http.Response(response.statusCode(), response.headers().map(), response.body());
	}

	private static void assertError(Http.Response answer, int status, String code) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).isEqualTo("application/json");
		assertThat(answer.json().path("error").path("code").asString()).as(answer.toString()).isEqualTo(code);
		assertThat(answer.json().path("error").path("message").asString()).isNotBlank();
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private void assertNothingStoredOrLogged(CapturedOutput output) {
		assertThat(this.jdbc.sql("""
				select (select count(*) from sandbox_psp_requests where idempotency_key like :marker)
				     + (select count(*) from sandbox_psp_idempotency_keys where key like :marker)
				     + (select count(*) from sandbox_psp_payments where reference like :marker)
				""").param("marker", this.marker + "%").query(Integer.class).single()).isZero();
		assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("SandboxHandler");
	}

}
