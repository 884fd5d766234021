package dev.fortress.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;

import static org.assertj.core.api.Assertions.assertThat;

class RefundIntegrationTests extends PaymentsIntegrationTest {

	private static final Money AMOUNT = new Money(4_500, "USD");

	@Test
	void aCapturedPaymentIsRefundedInFull() {
		UUID orderId = paidOrder();

		RefundOutcome outcome = this.payments.refund(orderId);

		assertThat(outcome).isInstanceOf(RefundOutcome.Refunded.class);
		assertThat(((RefundOutcome.Refunded) outcome).refundId()).startsWith("re_");
		assertThat(this.psp.refunds(orderId)).isEqualTo(1);
		assertThat(this.psp.payments(orderId, "REFUNDED")).isEqualTo(1);
	}

	@Test
	void twoConcurrentRefundsRefundOnceAtTheProvider() throws Exception {
		UUID orderId = paidOrder();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<RefundOutcome>> refunds = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				refunds.add(threads.submit(() -> {
					start.await();
					return this.payments.refund(orderId);
				}));
			}
			start.countDown();
			RefundOutcome first = refunds.get(0).get();
			RefundOutcome second = refunds.get(1).get();

			assertThat(first).isInstanceOf(RefundOutcome.Refunded.class);
			assertThat(second).isEqualTo(first);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.psp.refunds(orderId)).isEqualTo(1);
		assertThat(this.payments.refund(orderId)).isInstanceOf(RefundOutcome.Refunded.class);
		assertThat(this.psp.refunds(orderId)).isEqualTo(1);
	}

	@Test
	void anOrderWithoutACapturedPaymentCannotBeRefunded() {
		UUID declined = Ids.newId();
		this.payments.charge(declined, AMOUNT, "tok_declined");

		assertThat(this.payments.refund(declined)).isInstanceOf(RefundOutcome.Failed.class);
		assertThat(this.payments.refund(Ids.newId())).isInstanceOf(RefundOutcome.Failed.class);
	}

	private UUID paidOrder() {
		UUID orderId = Ids.newId();
		assertThat(this.payments.charge(orderId, AMOUNT, "tok_visa")).isInstanceOf(PaymentOutcome.Approved.class);
		return orderId;
	}

}
