package dev.fortress.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** The order's transitions guard the state they start from. */
class OrderTests {

	private static final Instant PLACED = Instant.parse("2026-11-23T12:00:00Z");

	private static final Instant LATER = PLACED.plusSeconds(5);

	private final Order pending = Order.placed(new OrderDraft(UUID.randomUUID(), UUID.randomUUID(), null,
			List.of(new OrderLine("B", 1, new Money(100, "USD")), new OrderLine("A", 2, new Money(50, "USD"))),
			new Money(200, "USD"), "tok_visa", null, null), PLACED);

	@Test
	void aPlacedOrderWaitsForItsPaymentWithItsLinesBySku() {
		assertThat(this.pending.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		assertThat(this.pending.lines()).extracting(OrderLine::sku).containsExactly("A", "B");
		assertThat(this.pending.version()).isZero();
	}

	@Test
	void payingMovesAPendingOrderToPaidOnce() {
		Order.Transition paid = this.pending.pay("pay_1", LATER).orElseThrow();
		assertThat(paid.step()).isEqualTo(Order.Transition.Step.PAY);
		assertThat(paid.order().status()).isEqualTo(OrderStatus.PAID);
		assertThat(paid.order().paymentId()).isEqualTo("pay_1");
		assertThat(paid.order().version()).isEqualTo(1);
		assertThat(paid.order().updatedAt()).isEqualTo(LATER);
		assertThat(paid.order().pay("pay_2", LATER)).isEmpty();
		assertThat(paid.order().release("PAYMENT_DECLINED", LATER)).isEmpty();
	}

	@Test
	void onlyAPendingOrderIsReleasedAndOnlyAPaidOneCancelled() {
		assertThat(this.pending.cancel("CUSTOMER", "re_1", LATER)).isEmpty();
		Order released = this.pending.release("PAYMENT_DECLINED", LATER).orElseThrow().order();
		assertThat(released.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(released.cancelReason()).isEqualTo("PAYMENT_DECLINED");
		assertThat(released.pay("pay_1", LATER)).as("a late capture does not revive it").isEmpty();
		assertThat(released.cancel("CUSTOMER", "re_1", LATER)).isEmpty();

		Order cancelled = this.pending.pay("pay_1", LATER)
			.orElseThrow()
			.order()
			.cancel("CUSTOMER", "re_1", LATER)
			.orElseThrow()
			.order();
		assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelled.cancelReason()).isEqualTo("CUSTOMER");
		assertThat(cancelled.refundId()).isEqualTo("re_1");
		assertThat(cancelled.paymentId()).isEqualTo("pay_1");
	}

	@Test
	void aReleasedOrderRecordsOneRefundOfALateCapture() {
		Order released = this.pending.release("PAYMENT_UNAVAILABLE", LATER).orElseThrow().order();
		Order refunded = released.recordRefund("re_1", LATER).orElseThrow().order();
		assertThat(refunded.refundId()).isEqualTo("re_1");
		assertThat(refunded.cancelReason()).isEqualTo("PAYMENT_UNAVAILABLE");
		assertThat(refunded.recordRefund("re_2", LATER)).isEmpty();
		assertThat(this.pending.recordRefund("re_1", LATER)).isEmpty();
	}

}
