package dev.fortress.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flash-sale moment against a healthy provider: 256 buyers' charges start at once, on
 * real threads, over real HTTP to the sandbox, against the real database. The provider
 * has threads and connections of its own and the client lets only so many charges talk to
 * it at once, so no provider call times out and the circuit breaker never opens: every
 * charge is either captured or refused as unavailable (the excess load, shed before the
 * provider), never left unknown, and nobody is charged twice.
 */
class ProviderBurstTests extends PaymentsIntegrationTest {

	private static final int BUYERS = 256;

	private static final Money AMOUNT = new Money(9_000, "EUR");

	@Autowired
	MeterRegistry meters;

	@Test
	void aHealthyProviderNeverTripsTheCircuitUnder256ConcurrentBuyers() throws Exception {
		List<CircuitBreaker.StateTransition> transitions = new CopyOnWriteArrayList<>();
		this.psp.circuit().getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition()));
		double timeoutsBefore = providerTimeouts();

		List<UUID> orders = new ArrayList<>();
		List<PaymentOutcome> outcomes = burst(orders);

		assertThat(transitions).isEmpty();
		assertThat(this.psp.circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(providerTimeouts()).isEqualTo(timeoutsBefore);
		assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOfAny(PaymentOutcome.Approved.class,
				PaymentOutcome.Unavailable.class));
		long approved = outcomes.stream().filter(PaymentOutcome.Approved.class::isInstance).count();
		assertThat(approved).isPositive();
		assertThat(orders.stream().mapToInt(order -> this.psp.payments(order, "CAPTURED")).sum()).isEqualTo(approved);
		assertThat(orders).allSatisfy(order -> assertThat(this.psp.payments(order)).isLessThanOrEqualTo(1));
	}

	private List<PaymentOutcome> burst(List<UUID> orders) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(BUYERS);
		try {
			List<Future<PaymentOutcome>> pending = new ArrayList<>();
			for (int i = 0; i < BUYERS; i++) {
				UUID order = Ids.newId();
				orders.add(order);
				pending.add(threads.submit(() -> {
					start.await();
					return this.payments.charge(order, AMOUNT, "tok_visa");
				}));
			}
			start.countDown();
			List<PaymentOutcome> outcomes = new ArrayList<>();
			for (Future<PaymentOutcome> outcome : pending) {
				outcomes.add(outcome.get());
			}
			return outcomes;
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

}
