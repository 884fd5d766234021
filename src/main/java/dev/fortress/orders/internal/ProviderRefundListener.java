package dev.fortress.orders.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.fortress.payments.PaymentRefundedAtProvider;

/**
 * A refund made directly at the payment provider, behind the shop's back, reaches the
 * order: a paid order is cancelled with that refund and its units go back on sale (as a
 * customer's cancel would, minus the refund call: the money is back already); an order
 * still waiting for its payment is released and records the refund; a cancelled order
 * without a refund records it. Idempotent: a redelivered event finds the order cancelled
 * with its refund, and {@link OrderLifecycle} applies no transition twice.
 */
@Component
class ProviderRefundListener {

	static final String REASON = "REFUNDED_AT_PROVIDER";

	private final OrderLifecycle lifecycle;

	ProviderRefundListener(OrderLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@ApplicationModuleListener
	void on(PaymentRefundedAtProvider event) {
		this.lifecycle.lock(event.orderId()).ifPresent((order) -> {
			switch (order.status()) {
				case PAID -> this.lifecycle.cancel(order, REASON, event.refundId());
				// The customer's cancel was waiting for this refund.
				case REFUNDING -> this.lifecycle.cancel(order,
						java.util.Objects.requireNonNullElse(order.cancelReason(), Cancellation.REASON),
						event.refundId());
				case PENDING_PAYMENT ->
					this.lifecycle.recordRefund(this.lifecycle.release(order, REASON), event.refundId());
				case CANCELLED -> this.lifecycle.recordRefund(order, event.refundId());
			}
		});
	}

}
