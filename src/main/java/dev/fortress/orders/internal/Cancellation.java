package dev.fortress.orders.internal;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

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
 */
@Component
class Cancellation {

	static final String REASON = "CUSTOMER";

	private final OrderLifecycle lifecycle;

	private final PaymentsApi payments;

	private final TransactionTemplate transactions;

	Cancellation(OrderLifecycle lifecycle, PaymentsApi payments, TransactionTemplate transactions) {
		this.lifecycle = lifecycle;
		this.payments = payments;
		this.transactions = transactions;
	}

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
				case PAID -> this.lifecycle.cancel(order, REASON, refund(order));
			};
		});
		return OrderView.of(cancelled);
	}

	/** The refund's id; null for a free order, which has nothing to refund. */
	private @Nullable String refund(Order order) {
		if (order.total().amount() == 0) {
			return null;
		}
		RefundOutcome outcome = this.payments.refund(order.id());
		if (outcome instanceof RefundOutcome.Refunded refunded) {
			return refunded.refundId();
		}
		throw ApiException.unavailable("The refund could not be made now; nothing changed, retry later",
				Duration.ofSeconds(5));
	}

}
