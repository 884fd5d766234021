package dev.fortress.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flash-sale moment against a healthy provider: 256 buyers press Buy at once, over
 * real HTTP, each holding an API thread while its payment runs. The provider has threads
 * and connections of its own and the client lets only so many charges talk to it at once,
 * so no provider call times out and the circuit breaker never opens: every buyer is
 * either charged or turned away at once with {@code 503} and {@code Retry-After}, and no
 * order is left waiting for a charge whose outcome is unknown.
 */
class CheckoutBurstTests extends IntegrationTest {

	private static final int BUYERS = 256;

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	MeterRegistry meters;

	@Test
	void aHealthyProviderNeverTripsTheCircuitUnder256ConcurrentBuyers() throws Exception {
		SandboxPsp psp = new SandboxPsp(this.jdbc, this.breakers);
		psp.resetCircuit();
		List<CircuitBreaker.StateTransition> transitions = new CopyOnWriteArrayList<>();
		psp.circuit().getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition()));
		double timeoutsBefore = providerTimeouts();
		String sku = product(BUYERS);
		LoggedIn buyer = loggedIn("EDITOR");

		List<Http.Response> answers = burst(sku, buyer);

		assertThat(transitions).isEmpty();
		assertThat(psp.circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(providerTimeouts()).isEqualTo(timeoutsBefore);
		List<Http.Response> paid = answers.stream().filter(answer -> answer.status() == 201).toList();
		List<Http.Response> refused = answers.stream().filter(answer -> answer.status() == 503).toList();
		assertThat(paid.size() + refused.size()).as(answers.toString()).isEqualTo(BUYERS);
		assertThat(paid).isNotEmpty().allSatisfy(answer -> assertThat(answer.text("status")).isEqualTo("PAID"));
		assertThat(refused).allSatisfy(answer -> assertThat(answer.header("Retry-After")).isNotNull());
		// No charge was left with an unknown outcome (what a timed-out provider call
		// leaves).
		assertThat(this.jdbc.sql("""
				select count(*) from payments p join orders o on o.id = p.order_id
				where o.user_id = :user and p.state = 'UNKNOWN'
				""").param("user", buyer.id()).query(Integer.class).single()).isZero();
		// One capture at the provider per payment we hold as captured, and one for every
		// buyer told "paid": nobody was charged twice.
		int capturedAtProvider = this.jdbc.sql("""
				select count(*) from sandbox_psp_payments p join orders o on p.reference = o.id::text
				where o.user_id = :user and p.status = 'CAPTURED'
				""").param("user", buyer.id()).query(Integer.class).single();
		assertThat(capturedAtProvider).isEqualTo(this.jdbc.sql("""
				select count(*) from payments p join orders o on o.id = p.order_id
				where o.user_id = :user and p.state = 'CAPTURED'
				""").param("user", buyer.id()).query(Integer.class).single()).isGreaterThanOrEqualTo(paid.size());
		System.out.printf("burst of %d buyers: %d paid, %d refused with 503, %d captured%n", BUYERS, paid.size(),
				refused.size(), capturedAtProvider);
	}

	private List<Http.Response> burst(String sku, LoggedIn buyer) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(BUYERS);
		try {
			List<Future<Http.Response>> pending = new ArrayList<>();
			for (int i = 0; i < BUYERS; i++) {
				String key = "burst-" + i;
				pending.add(threads.submit(() -> {
					start.await();
					return this.http
						.post("/api/v1/orders",
								Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment",
										Map.of("token", "tok_visa")))
						.token(buyer.accessToken())
						.header("Idempotency-Key", key)
						.send();
				}));
			}
			start.countDown();
			List<Http.Response> answers = new ArrayList<>();
			for (Future<Http.Response> answer : pending) {
				answers.add(answer.get());
			}
			return answers;
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Provider calls that got no answer in time, so far. */
	private double providerTimeouts() {
		return Search.in(this.meters)
			.name("fortress.payments.psp.requests")
			.tag("outcome", "timeout")
			.timers()
			.stream()
			.mapToDouble(timer -> timer.count())
			.sum();
	}

	private String product(int stock) {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "BURST-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response created = this.http
			.post("/api/v1/products",
					Map.of("name", "Burst shoe", "brand", "Fortress", "variants", List.of(Map.of("sku", sku, "size",
							"42", "price", Map.of("amount", 9000, "currency", "EUR"), "stock", stock))))
			.token(admin.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return sku;
	}

}
