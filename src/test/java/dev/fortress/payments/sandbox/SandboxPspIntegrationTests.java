package dev.fortress.payments.sandbox;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.payments.SandboxClient;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox provider's own contract, spoken to over HTTP on its own port as any client
 * would: idempotency keys, test tokens, the refunds feed.
 */
class SandboxPspIntegrationTests extends IntegrationTest {

	@Autowired
	SandboxServer server;

	private SandboxClient provider;

	@BeforeEach
	void provider() {
		this.provider = new SandboxClient(this.server.baseUri().toString(), this.server.apiKey());
	}

	@Test
	void theSameKeyWithTheSameRequestReplaysTheStoredAnswer() {
		String key = "test-" + UUID.randomUUID();
		Map<String, Object> body = authorisation("tok_visa", 1_000);

		Http.Response first = this.provider.authorize(key, body);
		Http.Response again = this.provider.authorize(key, body);

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
		assertThat(this.provider.authorize(key, body).status()).isEqualTo(201);

		Http.Response other = this.provider.authorize(key,
				Map.of("amount", 9_999, "currency", "EUR", "token", "tok_visa", "reference", body.get("reference")));

		assertThat(other.status()).as(other.toString()).isEqualTo(422);
		assertThat(other.json().path("error").path("code").asString()).isEqualTo("idempotency_key_reused");
		assertThat(paymentsFor(body)).isEqualTo(1);
	}

	@Test
	void captureAndRefundAreIdempotentToo() {
		Http.Response authorized = this.provider.authorize("test-" + UUID.randomUUID(), authorisation("tok_visa", 500));
		String id = authorized.text("id");
		String captureKey = "test-" + UUID.randomUUID();

		Http.Response captured = this.provider.post("/payments/" + id + "/capture", captureKey);
		Http.Response capturedAgain = this.provider.post("/payments/" + id + "/capture", captureKey);
		String refundKey = "test-" + UUID.randomUUID();
		Http.Response refunded = this.provider.post("/payments/" + id + "/refunds", refundKey);
		Http.Response refundedAgain = this.provider.post("/payments/" + id + "/refunds", refundKey);
		Http.Response refundedWithAnotherKey = this.provider.post("/payments/" + id + "/refunds",
				"test-" + UUID.randomUUID());

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
		assertThat(this.provider.authorize("test-" + UUID.randomUUID(), authorisation("tok_declined", 100)).status())
			.isEqualTo(402);
		assertThat(this.provider.authorize("test-" + UUID.randomUUID(), authorisation("tok_error", 100)).status())
			.isEqualTo(500);
		assertThat(this.provider.authorize("test-" + UUID.randomUUID(), authorisation("tok_unknown", 100)).status())
			.isEqualTo(400);
	}

	@Test
	void aServerErrorIsNotStoredSoTheSameKeyRunsAgain() {
		String key = "test-" + UUID.randomUUID();
		Map<String, Object> body = authorisation("tok_error", 100);

		assertThat(this.provider.authorize(key, body).status()).isEqualTo(500);
		assertThat(this.provider.authorize(key, body).status()).isEqualTo(500);
		assertThat(this.jdbc.sql("select count(*) from sandbox_psp_requests where idempotency_key = :key")
			.param("key", key)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void theRefundsFeedListsEveryRefundOnceInTheOrderTheyWereMade() {
		long before = lastFeedPosition();
		String first = capturedPayment();
		String second = capturedPayment();
		Http.Response firstRefund = this.provider.post("/payments/" + first + "/refunds", "test-" + UUID.randomUUID());
		Http.Response secondRefund = this.provider.post("/payments/" + second + "/refunds",
				"test-" + UUID.randomUUID());

		Http.Response feed = this.provider.get("/refunds?after=" + before + "&limit=100");

		assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
		assertThat(feed.json().path("data").valueStream().map(refund -> refund.path("id").asString()))
			.containsSubsequence(firstRefund.text("id"), secondRefund.text("id"));
		long firstPosition = positionOf(feed, firstRefund.text("id"));
		Http.Response afterFirst = this.provider.get("/refunds?after=" + firstPosition + "&limit=1");
		assertThat(afterFirst.json().path("data")).hasSize(1);
		assertThat(afterFirst.json().path("data").get(0).path("position").asLong()).isGreaterThan(firstPosition);
		assertThat(afterFirst.json().path("data").get(0).path("paymentId").asString()).isNotEqualTo(first);
	}

	private long positionOf(Http.Response feed, String refundId) {
		return feed.json()
			.path("data")
			.valueStream()
			.filter(refund -> refund.path("id").asString().equals(refundId))
			.findFirst()
			.orElseThrow()
			.path("position")
			.asLong();
	}

	private long lastFeedPosition() {
		return this.jdbc.sql("select coalesce(max(seq), 0) from sandbox_psp_refunds").query(Long.class).single();
	}

	private String capturedPayment() {
		String id = this.provider.authorize("test-" + UUID.randomUUID(), authorisation("tok_visa", 700)).text("id");
		assertThat(this.provider.post("/payments/" + id + "/capture", "test-" + UUID.randomUUID()).status())
			.isEqualTo(200);
		return id;
	}

	static Map<String, Object> authorisation(String token, long amount) {
		return Map.of("amount", amount, "currency", "EUR", "token", token, "reference", "ref-" + UUID.randomUUID());
	}

	private int paymentsFor(Map<String, Object> body) {
		return this.jdbc.sql("select count(*) from sandbox_psp_payments where reference = :reference")
			.param("reference", body.get("reference"))
			.query(Integer.class)
			.single();
	}

}
