package dev.fortress.payments;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;
import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker around the provider, driven by real failing calls: it opens after
 * repeated failures, then rejects calls at once without touching the network, and after
 * the wait (2 s in tests) lets trial calls through and closes again when they succeed.
 */
class CircuitBreakerIntegrationTests extends PaymentsIntegrationTest {

	private static final Money AMOUNT = new Money(2_000, "EUR");

	@Test
	void theCircuitOpensAfterRepeatedFailuresFailsFastThenHalfOpensAndCloses() {
		List<CircuitBreaker.StateTransition> transitions = new CopyOnWriteArrayList<>();
		this.psp.circuit().getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition()));

		assertThat(this.payments.unavailableFor()).isEmpty();

		// Two erroring charges: 3 failed attempts each; the window (minimum 5 calls, 50
		// %)
		// opens the circuit during the second one.
		assertThat(this.payments.charge(Ids.newId(), AMOUNT, "tok_error"))
			.isInstanceOf(PaymentOutcome.Unavailable.class);
		assertThat(this.psp.circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.payments.charge(Ids.newId(), AMOUNT, "tok_error"))
			.isInstanceOf(PaymentOutcome.Unavailable.class);
		assertThat(this.psp.circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);

		// Open: even a good card fails fast, and nothing reaches the provider; a caller
		// can learn it without charging.
		assertThat(this.payments.unavailableFor())
			.hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)));
		UUID rejected = Ids.newId();
		long start = System.nanoTime();
		PaymentOutcome outcome = this.payments.charge(rejected, AMOUNT, "tok_visa");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(outcome).isInstanceOf(PaymentOutcome.Unavailable.class);
		assertThat(took).isLessThan(Duration.ofMillis(300));
		assertThat(((PaymentOutcome.Unavailable) outcome).retryAfter()).isBetween(Duration.ofSeconds(1),
				Duration.ofSeconds(2));
		assertThat(this.psp.requests(SandboxPsp.key(rejected, "authorize"))).isZero();
		assertThat(prometheus()).contains("resilience4j_circuitbreaker_state{name=\"psp\",state=\"open\"} 1.0");

		// After the wait the circuit lets trial calls through; they succeed and it
		// closes.
		UUID trial = Ids.newId();
		await().pollDelay(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.payments.charge(trial, AMOUNT, "tok_visa") instanceof PaymentOutcome.Approved);
		assertThat(this.psp.circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.payments.unavailableFor()).isEmpty();
		assertThat(transitions).containsExactly(CircuitBreaker.StateTransition.CLOSED_TO_OPEN,
				CircuitBreaker.StateTransition.OPEN_TO_HALF_OPEN, CircuitBreaker.StateTransition.HALF_OPEN_TO_CLOSED);
		assertThat(this.psp.payments(trial, "CAPTURED")).isEqualTo(1);
		assertThat(prometheus()).contains("resilience4j_circuitbreaker_state{name=\"psp\",state=\"closed\"} 1.0")
			.contains("fortress_payments_charges_total{outcome=\"unavailable\"}")
			.contains("fortress_payments_psp_requests_seconds_count{operation=\"authorize\",outcome=\"http_500\"}")
			.contains("fortress_payments_unsettled");
	}

	private String prometheus() {
		Http.Response response = this.http.get("/actuator/prometheus").send();
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

}
