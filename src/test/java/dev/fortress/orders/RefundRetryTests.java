package dev.fortress.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.payments.SandboxPsp;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cancel whose refund cannot be made now (the provider's circuit is open, as after
 * timeouts) answers {@code 202} with the order {@code REFUNDING}, keeps its units sold
 * and charges nothing back yet; once the provider is reachable the retrier refunds it
 * exactly once and the order is {@code CANCELLED} and restocked, without the customer
 * doing anything.
 */
class RefundRetryTests extends IntegrationTest {

	@Autowired
	CircuitBreakerRegistry breakers;

	SandboxPsp psp;

	@BeforeEach
	void closed() {
		this.psp = new SandboxPsp(this.jdbc, this.breakers);
		this.psp.resetCircuit();
	}

	@AfterEach
	void reset() {
		this.psp.resetCircuit();
	}

	@Test
	void aRefundThatCannotBeMadeNowIsRetriedUntilTheOrderIsCancelled() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn buyer = loggedIn("EDITOR");
		String sku = new Shop(this.http, admin.accessToken()).product(3);
		Http.Response order = this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment", Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.header("Idempotency-Key", "refund-later-" + buyer.id())
			.send();
		assertThat(order.status()).as(order.toString()).isEqualTo(201);
		assertThat(order.text("status")).isEqualTo("PAID");
		UUID orderId = UUID.fromString(order.text("id"));

		this.psp.circuit().transitionToForcedOpenState();
		Http.Response cancel = this.http.post("/api/v1/orders/" + orderId + "/cancel", null)
			.token(buyer.accessToken())
			.send();
		assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
		assertThat(cancel.text("status")).isEqualTo("REFUNDING");
		assertThat(cancel.text("refundId")).isNull();
		assertThat(available(sku)).as("the units stay sold until the refund is made").isEqualTo(2);
		Http.Response again = this.http.post("/api/v1/orders/" + orderId + "/cancel", null)
			.token(buyer.accessToken())
			.send();
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.text("status")).isEqualTo("REFUNDING");
		assertThat(this.psp.refunds(orderId)).isZero();

		this.psp.resetCircuit();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					this.http.get("/api/v1/orders/" + orderId).token(buyer.accessToken()).send().text("status"))
				.isEqualTo("CANCELLED"));
		Http.Response cancelled = this.http.get("/api/v1/orders/" + orderId).token(buyer.accessToken()).send();
		assertThat(cancelled.text("refundId")).startsWith("re_");
		assertThat(cancelled.text("cancelReason")).isEqualTo("CUSTOMER");
		assertThat(this.psp.refunds(orderId)).isEqualTo(1);
		assertThat(available(sku)).isEqualTo(3);
		await().untilAsserted(
				() -> assertThat(this.jdbc.sql("select event from order_timeline where order_id = :id order by event")
					.param("id", orderId)
					.query(String.class)
					.list()).containsExactly("CANCELLED", "PAID", "PLACED", "REFUNDED", "REFUNDING"));
		Http.Response done = this.http.post("/api/v1/orders/" + orderId + "/cancel", null)
			.token(buyer.accessToken())
			.send();
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.text("refundId")).isEqualTo(cancelled.text("refundId"));
	}

	private int available(String sku) {
		return this.http.get("/api/v1/inventory/" + sku).send().json().path("available").asInt();
	}

}
