package dev.fortress.payments;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.payments.sandbox.SandboxServer;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A refund made behind Fortress's back, directly at the provider (as an operator would in
 * its dashboard), reaches the order: the paid order is cancelled with that refund and its
 * units go back on sale, exactly once. The whole journey runs over real HTTP: the shop's
 * API on its port, the provider on its own.
 */
class RefundAtTheProviderTests extends IntegrationTest {

	@Autowired
	SandboxServer sandboxServer;

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	RecordedPaymentEvents events;

	private SandboxClient provider;

	private SandboxPsp psp;

	@BeforeEach
	void provider() {
		this.provider = new SandboxClient(this.sandboxServer.baseUri().toString(), this.sandboxServer.apiKey());
		this.psp = new SandboxPsp(this.jdbc, this.breakers);
		this.psp.resetCircuit();
	}

	@Test
	void aRefundMadeDirectlyAtTheProviderCancelsThePaidOrderAndRestocksItOnce() {
		String sku = product(3);
		LoggedIn buyer = loggedIn("EDITOR");
		Http.Response paid = paidOrder(sku, 2, buyer);
		UUID orderId = UUID.fromString(paid.text("id"));

		Http.Response refund = this.provider.post("/payments/" + paid.text("paymentId") + "/refunds",
				"dashboard-" + UUID.randomUUID());
		assertThat(refund.status()).as(refund.toString()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(order(orderId, buyer).text("status")));
		Http.Response cancelled = order(orderId, buyer);
		assertThat(cancelled.text("refundId")).isEqualTo(refund.text("id"));
		assertThat(cancelled.text("cancelReason")).isEqualTo("REFUNDED_AT_PROVIDER");
		Http.Response stock = this.http.get("/api/v1/inventory/" + sku).send();
		assertThat(stock.json().path("onHand").asInt()).isEqualTo(3);
		assertThat(stock.json().path("available").asInt()).isEqualTo(3);
		assertThat(this.jdbc.sql("select state from payments where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.single()).isEqualTo("REFUNDED");
		assertThat(this.events.refundedAtProvider(orderId)).hasSize(1);

		// Cancelling it now is a no-op: no second refund, no second restock.
		Http.Response cancelAgain = this.http.post("/api/v1/orders/" + orderId + "/cancel", null)
			.token(buyer.accessToken())
			.send();
		assertThat(cancelAgain.status()).as(cancelAgain.toString()).isEqualTo(200);
		assertThat(cancelAgain.text("refundId")).isEqualTo(refund.text("id"));
		assertThat(this.psp.refunds(orderId)).isEqualTo(1);
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("onHand").asInt()).isEqualTo(3);
	}

	@Test
	void aRefundFortressMadeItselfIsNotReportedAsARefundBehindItsBack() {
		String sku = product(1);
		LoggedIn buyer = loggedIn("EDITOR");
		Http.Response paid = paidOrder(sku, 1, buyer);
		UUID orderId = UUID.fromString(paid.text("id"));
		Http.Response cancelled = this.http.post("/api/v1/orders/" + orderId + "/cancel", null)
			.token(buyer.accessToken())
			.send();
		assertThat(cancelled.text("cancelReason")).isEqualTo("CUSTOMER");

		// Once the feed has been read past that refund, nothing was reported.
		await().atMost(Duration.ofSeconds(20)).until(() -> feedPosition() >= refundPosition(orderId));
		assertThat(this.events.refundedAtProvider(orderId)).isEmpty();
		assertThat(order(orderId, buyer).text("cancelReason")).isEqualTo("CUSTOMER");
		assertThat(this.psp.refunds(orderId)).isEqualTo(1);
	}

	private long feedPosition() {
		return this.jdbc.sql("select position from payment_feed_positions where feed = 'refunds'")
			.query(Long.class)
			.single();
	}

	private long refundPosition(UUID orderId) {
		return this.jdbc.sql("""
				select r.seq from sandbox_psp_refunds r join sandbox_psp_payments p on p.id = r.payment_id
				where p.reference = :reference
				""").param("reference", orderId.toString()).query(Long.class).single();
	}

	private Http.Response paidOrder(String sku, int quantity, LoggedIn buyer) {
		return new Shop(this.http, loggedIn("ADMIN").accessToken()).paidOrder(sku, quantity, buyer.accessToken());
	}

	private Http.Response order(UUID orderId, LoggedIn buyer) {
		return this.http.get("/api/v1/orders/" + orderId).token(buyer.accessToken()).send();
	}

	private String product(int stock) {
		return new Shop(this.http, loggedIn("ADMIN").accessToken()).product(stock);
	}

}
