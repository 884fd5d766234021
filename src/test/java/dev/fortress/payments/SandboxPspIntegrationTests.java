package dev.fortress.payments;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox provider's own contract, spoken to over HTTP as any client would. */
class SandboxPspIntegrationTests extends IntegrationTest {

	private static final String BASE = "/sandbox-psp/v1";

	private static final String API_KEY = "sk_sandbox_fortress";

	@Test
	void theSameKeyWithTheSameRequestReplaysTheStoredAnswer() {
		String key = "test-" + UUID.randomUUID();
		Map<String, Object> body = authorisation("tok_visa", 1_000);

		Http.Response first = authorize(key, body);
		Http.Response again = authorize(key, body);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.text("status")).isEqualTo("AUTHORIZED");
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(paymentsFor(body)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherRequestIsRefused() {
		String key = "test-" + UUID.randomUUID();
		Map<String, Object> body = authorisation("tok_visa", 1_000);
		assertThat(authorize(key, body).status()).isEqualTo(201);

		Http.Response other = authorize(key,
				Map.of("amount", 9_999, "currency", "EUR", "token", "tok_visa", "reference", body.get("reference")));

		assertThat(other.status()).as(other.toString()).isEqualTo(422);
		assertThat(other.json().path("error").path("code").asString()).isEqualTo("idempotency_key_reused");
		assertThat(paymentsFor(body)).isEqualTo(1);
	}

	@Test
	void captureAndRefundAreIdempotentToo() {
		Http.Response authorized = authorize("test-" + UUID.randomUUID(), authorisation("tok_visa", 500));
		String id = authorized.text("id");
		String captureKey = "test-" + UUID.randomUUID();

		Http.Response captured = post("/payments/" + id + "/capture", captureKey);
		Http.Response capturedAgain = post("/payments/" + id + "/capture", captureKey);
		String refundKey = "test-" + UUID.randomUUID();
		Http.Response refunded = post("/payments/" + id + "/refunds", refundKey);
		Http.Response refundedAgain = post("/payments/" + id + "/refunds", refundKey);
		Http.Response refundedWithAnotherKey = post("/payments/" + id + "/refunds", "test-" + UUID.randomUUID());

		assertThat(captured.status()).isEqualTo(200);
		assertThat(captured.text("status")).isEqualTo("CAPTURED");
		assertThat(capturedAgain.body()).isEqualTo(captured.body());
		assertThat(refunded.status()).isEqualTo(201);
		assertThat(refundedAgain.body()).isEqualTo(refunded.body());
		assertThat(refundedWithAnotherKey.status()).isEqualTo(409);
		assertThat(this.jdbc.sql("select count(*) from sandbox_psp_refunds where payment_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theTestTokensBehaveAsDocumented() {
		assertThat(authorize("test-" + UUID.randomUUID(), authorisation("tok_declined", 100)).status()).isEqualTo(402);
		assertThat(authorize("test-" + UUID.randomUUID(), authorisation("tok_error", 100)).status()).isEqualTo(500);
		assertThat(authorize("test-" + UUID.randomUUID(), authorisation("tok_unknown", 100)).status()).isEqualTo(400);
	}

	@Test
	void aServerErrorIsNotStoredSoTheSameKeyRunsAgain() {
		String key = "test-" + UUID.randomUUID();
		Map<String, Object> body = authorisation("tok_error", 100);

		assertThat(authorize(key, body).status()).isEqualTo(500);
		assertThat(authorize(key, body).status()).isEqualTo(500);
		assertThat(this.jdbc.sql("select count(*) from sandbox_psp_requests where idempotency_key = :key")
			.param("key", key)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void callsWithoutTheApiKeyOrIdempotencyKeyAreRefused() {
		Http.Response noApiKey = this.http.post(BASE + "/payments", authorisation("tok_visa", 100))
			.header("Idempotency-Key", "test-" + UUID.randomUUID())
			.send();
		Http.Response noIdempotencyKey = this.http.post(BASE + "/payments", authorisation("tok_visa", 100))
			.header("X-Api-Key", API_KEY)
			.send();

		assertThat(noApiKey.status()).isEqualTo(401);
		assertThat(noIdempotencyKey.status()).isEqualTo(400);
	}

	private Map<String, Object> authorisation(String token, long amount) {
		return Map.of("amount", amount, "currency", "EUR", "token", token, "reference", "ref-" + UUID.randomUUID());
	}

	private Http.Response authorize(String key, Map<String, Object> body) {
		return this.http.post(BASE + "/payments", body)
			.header("X-Api-Key", API_KEY)
			.header("Idempotency-Key", key)
			.send();
	}

	private Http.Response post(String path, String key) {
		return this.http.post(BASE + path, null).header("X-Api-Key", API_KEY).header("Idempotency-Key", key).send();
	}

	private int paymentsFor(Map<String, Object> body) {
		return this.jdbc.sql("select count(*) from sandbox_psp_payments where reference = :reference")
			.param("reference", body.get("reference"))
			.query(Integer.class)
			.single();
	}

}
