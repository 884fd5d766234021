package dev.fortress.payments;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Charges through the real client, over real HTTP, against the sandbox provider served by
 * the test application on its random port, with the state in the real PostgreSQL.
 */
class PaymentsIntegrationTests extends PaymentsIntegrationTest {

	private static final Money AMOUNT = new Money(12_900, "EUR");

	@Test
	void anApprovedCardIsAuthorisedAndCapturedOnce() {
		UUID orderId = Ids.newId();

		PaymentOutcome outcome = this.payments.charge(orderId, AMOUNT, "tok_visa");

		assertThat(outcome).isInstanceOf(PaymentOutcome.Approved.class);
		String paymentId = ((PaymentOutcome.Approved) outcome).paymentId();
		assertThat(paymentId).startsWith("pay_");
		assertThat(this.psp.payments(orderId, "CAPTURED")).isEqualTo(1);
		assertThat(state(orderId)).isEqualTo("CAPTURED");
	}

	@Test
	void chargingTheSameOrderAgainReturnsTheFirstOutcomeWithoutCallingTheProvider() {
		UUID orderId = Ids.newId();
		PaymentOutcome first = this.payments.charge(orderId, AMOUNT, "tok_visa");
		int requests = this.psp.requests(SandboxPsp.key(orderId, "authorize"));

		PaymentOutcome second = this.payments.charge(orderId, AMOUNT, "tok_visa");

		assertThat(second).isEqualTo(first);
		assertThat(this.psp.requests(SandboxPsp.key(orderId, "authorize"))).isEqualTo(requests).isEqualTo(1);
		assertThat(this.psp.payments(orderId)).isEqualTo(1);
	}

	@Test
	void twoConcurrentChargesOfOneOrderChargeOnceAndAgree() throws Exception {
		UUID orderId = Ids.newId();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Callable<PaymentOutcome> charge = () -> {
				start.await();
				return this.payments.charge(orderId, AMOUNT, "tok_visa");
			};
			Future<PaymentOutcome> first = threads.submit(charge);
			Future<PaymentOutcome> second = threads.submit(charge);
			start.countDown();

			assertThat(first.get()).isInstanceOf(PaymentOutcome.Approved.class);
			assertThat(second.get()).isEqualTo(first.get());
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.psp.payments(orderId)).isEqualTo(1);
		assertThat(this.psp.requests(SandboxPsp.key(orderId, "authorize"))).isEqualTo(1);
	}

	@Test
	void aDeclinedCardIsDeclinedAndNothingIsCaptured() {
		UUID orderId = Ids.newId();

		PaymentOutcome outcome = this.payments.charge(orderId, AMOUNT, "tok_declined");

		assertThat(outcome).isEqualTo(new PaymentOutcome.Declined("card_declined"));
		assertThat(this.psp.payments(orderId, "DECLINED")).isEqualTo(1);
		assertThat(this.psp.payments(orderId, "CAPTURED")).isZero();
		assertThat(state(orderId)).isEqualTo("DECLINED");
	}

	@Test
	void anUnknownTokenIsDeclinedAsInvalid() {
		UUID orderId = Ids.newId();

		assertThat(this.payments.charge(orderId, AMOUNT, "tok_nonsense"))
			.isEqualTo(new PaymentOutcome.Declined("invalid_token"));
		assertThat(this.psp.payments(orderId)).isZero();
	}

	@Test
	void aFailingProviderIsRetriedABoundedNumberOfTimesThenReportedUnavailable() {
		UUID orderId = Ids.newId();

		PaymentOutcome outcome = this.payments.charge(orderId, AMOUNT, "tok_error");

		assertThat(outcome).isInstanceOf(PaymentOutcome.Unavailable.class);
		assertThat(((PaymentOutcome.Unavailable) outcome).retryAfter()).isPositive();
		// max-attempts is 3: the first call and two retries, all answered 500.
		assertThat(this.psp.requests(SandboxPsp.key(orderId, "authorize"))).isEqualTo(3);
		assertThat(this.psp.payments(orderId)).isZero();
		assertThat(state(orderId)).isEqualTo("UNAVAILABLE");
	}

	@Test
	void aChargeThatFoundTheProviderUnavailableCanBeRetriedWithAnotherCard() {
		UUID orderId = Ids.newId();
		assertThat(this.payments.charge(orderId, AMOUNT, "tok_error")).isInstanceOf(PaymentOutcome.Unavailable.class);
		// The failed attempts count against the breaker: with the next calls it may open
		// between authorisation and capture. The buyer retries later, once it has closed.
		this.psp.resetCircuit();

		PaymentOutcome retried = this.payments.charge(orderId, AMOUNT, "tok_visa");

		assertThat(retried).isInstanceOf(PaymentOutcome.Approved.class);
		assertThat(this.psp.payments(orderId, "CAPTURED")).isEqualTo(1);
	}

	@Test
	void aSlowProviderTimesOutAsUnknownAndIsReconciledToOneCapture() {
		UUID orderId = Ids.newId();

		long start = System.nanoTime();
		PaymentOutcome outcome = this.payments.charge(orderId, AMOUNT, "tok_slow");
		Duration waited = Duration.ofNanos(System.nanoTime() - start);

		assertThat(outcome).isInstanceOf(PaymentOutcome.Unknown.class);
		// The read timeout is 2 s and a timed-out call is not retried (a retry would
		// start
		// after 2 s plus backoff and time out again: at least 4 s).
		assertThat(waited).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3900));
		assertThat(state(orderId)).isEqualTo("UNKNOWN");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.events.first(orderId)).isPresent());
		PaymentReconciled reconciled = this.events.first(orderId).orElseThrow();
		assertThat(reconciled.captured()).isTrue();
		assertThat(reconciled.paymentId()).startsWith("pay_");
		assertThat(this.events.reconciled(orderId)).hasSize(1);
		assertThat(state(orderId)).isEqualTo("CAPTURED");
		// Exactly one charge at the provider, although authorise was sent more than once.
		assertThat(this.psp.payments(orderId)).isEqualTo(1);
		assertThat(this.psp.payments(orderId, "CAPTURED")).isEqualTo(1);
		assertThat(this.psp.requests(SandboxPsp.key(orderId, "authorize"))).isGreaterThan(1);
		// A later charge call for the order sees the settled outcome.
		assertThat(this.payments.charge(orderId, AMOUNT, "tok_slow"))
			.isEqualTo(new PaymentOutcome.Approved(reconciled.paymentId()));
	}

	@Test
	void aChargeWhoseProcessDiedMidwayIsTakenOverAfterItsLeaseAndReconciled() {
		UUID orderId = Ids.newId();
		// What a crash between "row written" and "provider answered" leaves behind.
		this.jdbc.sql("""
				insert into payments (order_id, amount, currency, card_token, idempotency_key, state,
				                      next_attempt_at, created_at, updated_at)
				values (:id, 990, 'EUR', 'tok_visa', :key, 'CHARGING', now() - interval '1 second', now(), now())
				""").param("id", orderId).param("key", "order-" + orderId).update();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.events.first(orderId)).isPresent());

		assertThat(this.events.first(orderId).orElseThrow().captured()).isTrue();
		assertThat(state(orderId)).isEqualTo("CAPTURED");
		assertThat(this.psp.payments(orderId, "CAPTURED")).isEqualTo(1);
	}

	private String state(UUID orderId) {
		return this.jdbc.sql("select state from payments where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.single();
	}

}
