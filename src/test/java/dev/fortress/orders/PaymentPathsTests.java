package dev.fortress.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.payments.SandboxPsp;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checkout against a misbehaving provider, over real HTTP: errors (503, released), the
 * circuit opening and closing again, a slow provider (pending, then reconciled), and two
 * cancels at once (one refund).
 */
class PaymentPathsTests extends IntegrationTest {

	@Autowired
	CircuitBreakerRegistry breakers;

	SandboxPsp psp;

	LoggedIn buyer;

	String sku;

	@BeforeEach
	void product() {
		this.psp = new SandboxPsp(this.jdbc, this.breakers);
		this.psp.resetCircuit();
		LoggedIn admin = loggedIn("ADMIN");
		this.sku = "PAY-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response created = this.http
			.post("/api/v1/products",
					Map.of("name", "Payment path shoe", "brand", "Fortress", "variants",
							List.of(Map.of("sku", this.sku, "size", "42", "price",
									Map.of("amount", 5000, "currency", "USD"), "stock", 5))))
			.token(admin.accessToken())
			.send();
		assertThat(created.status()).isEqualTo(201);
		this.buyer = loggedIn("EDITOR");
	}

	@AfterEach
	void closeCircuit() {
		this.psp.resetCircuit();
	}

	@Test
	void anErroringProviderAnswers503AndReleasesThenTheCircuitOpensAndClosesAgain() {
		Http.Response first = buy("tok_error", "err-1");
		assertThat(first.status()).as(first.toString()).isEqualTo(503);
		assertThat(first.text("type")).endsWith("/service-unavailable");
		assertThat(first.header("Retry-After")).isNotNull();
		assertThat(available()).isEqualTo(5);
		assertThat(buy("tok_error", "err-2").status()).isEqualTo(503);
		assertThat(this.psp.circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);

		long start = System.nanoTime();
		Http.Response open = buy("tok_visa", "visa-1");
		assertThat(open.status()).isEqualTo(503);
		assertThat(open.header("Retry-After")).isNotNull();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(available()).isEqualTo(5);

		// A 503 is not stored: the same key, retried after the wait, buys (and closes the
		// circuit).
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15)).until(() -> {
			Http.Response retry = buy("tok_visa", "visa-1");
			return retry.status() == 201 && "PAID".equals(retry.text("status"));
		});
		assertThat(this.psp.circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(available()).isEqualTo(4);
		assertThat(this.jdbc.sql("select count(*) from orders where user_id = :id and status = 'PAID'")
			.param("id", this.buyer.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void whileTheCircuitIsOpenACheckoutIsRefusedBeforeItReservesAnything() {
		this.psp.circuit().transitionToOpenState();
		Http.Response refused = buy("tok_visa", "open-1");
		assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
		assertThat(refused.header("Retry-After")).isNotNull();
		// Refused up front: no order was placed and cancelled, no unit moved.
		assertThat(this.jdbc.sql("select count(*) from orders where user_id = :id")
			.param("id", this.buyer.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(available()).isEqualTo(5);

		this.psp.resetCircuit();
		Http.Response retried = buy("tok_visa", "open-1");
		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
		assertThat(retried.text("status")).isEqualTo("PAID");
	}

	@Test
	void aSlowProviderLeavesTheOrderPendingUntilTheChargeIsReconciled() {
		Http.Response slow = buy("tok_slow", "slow-1");
		assertThat(slow.status()).as(slow.toString()).isEqualTo(201);
		assertThat(slow.text("status")).isEqualTo("PENDING_PAYMENT");
		assertThat(available()).isEqualTo(4);
		Http.Response replay = buy("tok_slow", "slow-1");
		assertThat(replay.text("id")).isEqualTo(slow.text("id"));

		await().atMost(Duration.ofSeconds(60))
			.until(() -> !"PENDING_PAYMENT".equals(this.http.get("/api/v1/orders/" + slow.text("id"))
				.token(this.buyer.accessToken())
				.send()
				.text("status")));
		Http.Response settled = this.http.get("/api/v1/orders/" + slow.text("id"))
			.token(this.buyer.accessToken())
			.send();
		Http.Response stock = this.http.get("/api/v1/inventory/" + this.sku).send();
		assertThat(stock.json().path("reserved").asInt()).isZero();
		if ("PAID".equals(settled.text("status"))) {
			assertThat(stock.json().path("onHand").asInt()).isEqualTo(4);
		}
		else {
			assertThat(settled.text("status")).isEqualTo("CANCELLED");
			assertThat(stock.json().path("available").asInt()).isEqualTo(5);
		}
	}

	@Test
	void twoCancelsAtOnceRefundOnceAndRestockOnce() throws Exception {
		Http.Response order = buy("tok_visa", "cancel-me");
		assertThat(order.status()).isEqualTo(201);
		String id = order.text("id");
		assertThat(available()).isEqualTo(4);

		CompletableFuture<Http.Response> one = CompletableFuture.supplyAsync(cancel(id));
		CompletableFuture<Http.Response> two = CompletableFuture.supplyAsync(cancel(id));
		List<Http.Response> answers = List.of(one.get(), two.get());
		assertThat(answers).extracting(Http.Response::status).containsExactly(200, 200);
		assertThat(answers).extracting(r -> r.text("status")).containsOnly("CANCELLED");
		assertThat(answers.get(0).text("refundId")).isNotNull().isEqualTo(answers.get(1).text("refundId"));
		assertThat(this.psp.refunds(UUID.fromString(id))).isEqualTo(1);
		assertThat(available()).isEqualTo(5);
		assertThat(this.http.get("/api/v1/inventory/" + this.sku).send().json().path("onHand").asInt()).isEqualTo(5);
	}

	private java.util.function.Supplier<Http.Response> cancel(String id) {
		return () -> this.http.post("/api/v1/orders/" + id + "/cancel", null).token(this.buyer.accessToken()).send();
	}

	private Http.Response buy(String token, String key) {
		return this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", this.sku, "quantity", 1)), "payment", Map.of("token", token)))
			.token(this.buyer.accessToken())
			.header("Idempotency-Key", key)
			.send();
	}

	private int available() {
		return this.http.get("/api/v1/inventory/" + this.sku).send().json().path("available").asInt();
	}

}
