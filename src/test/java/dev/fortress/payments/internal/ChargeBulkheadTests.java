package dev.fortress.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.fortress.payments.PaymentOutcome;
import dev.fortress.payments.RefundOutcome;
import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Charges beyond the bulkhead's places are refused within its short wait, as
 * "unavailable" (nothing charged, the caller may try again), instead of queueing at the
 * provider; a charge already talking to the provider is not disturbed. Real threads, the
 * real payments table; the provider conversation is held open by a latch.
 */
class ChargeBulkheadTests extends IntegrationTest {

	private static final Money AMOUNT = new Money(1_500, "EUR");

	private final CountDownLatch inside = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	@Test
	void aChargeFindingEveryPlaceTakenIsRefusedAtOnceAsUnavailable() throws Exception {
		PaymentService service = service(Bulkhead.of("bulkhead-test",
				BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ofMillis(100)).build()));
		UUID first = Ids.newId();
		CompletableFuture<PaymentOutcome> holding = CompletableFuture
			.supplyAsync(() -> service.charge(first, AMOUNT, "tok_visa"));
		assertThat(this.inside.await(10, TimeUnit.SECONDS)).isTrue();

		UUID second = Ids.newId();
		long start = System.nanoTime();
		PaymentOutcome refused = service.charge(second, AMOUNT, "tok_visa");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		RefundOutcome refundRefused = service.refund(second);

		assertThat(refused).isEqualTo(new PaymentOutcome.Unavailable(PaymentService.BUSY_RETRY_AFTER));
		assertThat(took).isBetween(Duration.ofMillis(90), Duration.ofSeconds(1));
		assertThat(state(second)).isEqualTo("UNAVAILABLE");
		assertThat(refundRefused).isInstanceOf(RefundOutcome.Failed.class);

		this.release.countDown();
		assertThat(holding.get(10, TimeUnit.SECONDS)).isEqualTo(new PaymentOutcome.Approved("pay_held"));
		assertThat(state(first)).isEqualTo("CAPTURED");
		// The place is free again: the refused order can be charged now.
		this.inside.countDown();
		assertThat(service.charge(second, AMOUNT, "tok_visa")).isEqualTo(new PaymentOutcome.Approved("pay_held"));
	}

	private PaymentService service(Bulkhead bulkhead) {
		ChargeFlow heldOpen = new ChargeFlow(null) {
			@Override
			Result charge(Payment payment) {
				ChargeBulkheadTests.this.inside.countDown();
				try {
					ChargeBulkheadTests.this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return new Result.Captured("pay_held");
			}
		};
		return new PaymentService(new Payments(this.jdbc), heldOpen,
				new PaymentsProperties("http://localhost:1/v1", null, null, null, null, null, null, null, null, null,
						null, null, null, null, null, null, null),
				Clock.systemUTC(), new SimpleMeterRegistry(), bulkhead);
	}

	private String state(UUID orderId) {
		return this.jdbc.sql("select state from payments where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.single();
	}

}
