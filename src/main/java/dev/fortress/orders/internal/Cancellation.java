package dev.fortress.orders.internal;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.identity.CurrentUser;
import dev.fortress.payments.PaymentsApi;
import dev.fortress.payments.RefundOutcome;
import dev.fortress.platform.web.ApiException;

/**
 * A customer (or ADMIN) cancels a paid order: refund through the provider, then the
 * {@link OrderLifecycle} cancels and restocks it, in one transaction that holds the
 * order's row lock. A second cancel at the same time waits for that lock and then finds
 * the order cancelled, so there is exactly one refund (the provider's idempotency key,
 * derived from the order id, is a second guard). The lock is held over the refund call on
 * purpose: cancellations are rare, and exactly-once matters more here than a connection
 * held for a second.
 * <p>
 * When the refund cannot be made now (the provider timed out, failed, or its circuit is
 * open), the order becomes {@code REFUNDING} instead of answering {@code 503} and leaving
 * it {@code PAID}: the customer's decision is recorded, and {@link #retry} (the
 * {@link RefundRetrier}, or the customer cancelling again) asks for the refund again with
 * the same idempotency key until it is made, then cancels and restocks the order.
 */
@Component
class Cancellation {

	private static final Logger log = LoggerFactory.getLogger(Cancellation.class);

	static final String REASON = "CUSTOMER";

	private final OrderLifecycle lifecycle;

	private final PaymentsApi payments;

	private final TransactionTemplate transactions;

	Cancellation(OrderLifecycle lifecycle, PaymentsApi payments, TransactionTemplate transactions) {
		this.lifecycle = lifecycle;
		this.payments = payments;
		this.transactions = transactions;
	}

	/** The order cancelled, or {@code REFUNDING} while its refund is not made yet. */
	OrderView cancel(UUID orderId, CurrentUser user) {
		ReadOnly.refuse(user);
		Order cancelled = this.transactions.execute(status -> {
			Order order = this.lifecycle.lock(orderId)
				.filter(candidate -> user.isAdmin() || candidate.userId().equals(user.id()))
				.orElseThrow(() -> ApiException.notFound("Order"));
			return switch (order.status()) {
				case CANCELLED -> order;
				case PENDING_PAYMENT -> throw ApiException
					.conflict("The payment of this order is still being settled; cancel it once it is paid");
				case PAID, REFUNDING -> refundAndCancel(order);
			};
		});
		return OrderView.of(cancelled);
	}

	/**
	 * Asks again for the refund of an order that is {@code REFUNDING}; does nothing to an
	 * order in any other state (a customer's cancel or the refunds feed got there first).
	 * @return whether the order is cancelled now
	 */
	boolean retry(UUID orderId) {
		Order order = this.transactions.execute(status -> this.lifecycle.lock(orderId)
			.map(locked -> (locked.status() == OrderStatus.REFUNDING) ? refundAndCancel(locked) : locked)
			.orElseThrow());
		return order.status() == OrderStatus.CANCELLED;
	}

	private Order refundAndCancel(Order order) {
		String reason = (order.cancelReason() != null) ? order.cancelReason() : REASON;
		if (order.total().amount() == 0) {
			// A free order: nothing to refund.
			return this.lifecycle.cancel(order, reason, null);
		}
		RefundOutcome outcome = this.payments.refund(order.id());
		if (outcome instanceof RefundOutcome.Refunded refunded) {
			return this.lifecycle.cancel(order, reason, refunded.refundId());
		}
		log.warn("Order {}: the refund could not be made now ({}); the order is REFUNDING and will be retried",
				order.id(), ((RefundOutcome.Failed) outcome).reason());
		return (order.status() == OrderStatus.REFUNDING) ? order : this.lifecycle.refunding(order, reason);
	}

}
