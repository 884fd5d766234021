package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.identity.CurrentUser;
import dev.fortress.inventory.StockLedger;
import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderLine;
import dev.fortress.orders.PaymentRefunded;
import dev.fortress.payments.PaymentsApi;
import dev.fortress.payments.RefundOutcome;
import dev.fortress.platform.web.ApiException;

/**
 * A customer (or ADMIN) cancels a paid order: refund through the provider, restock, in
 * one transaction that holds the order's row lock. A second cancel at the same time waits
 * for that lock and then finds the order cancelled, so there is exactly one refund (the
 * provider's idempotency key, derived from the order id, is a second guard). The lock is
 * held over the refund call on purpose: cancellations are rare, and exactly-once matters
 * more here than a connection held for a second.
 */
@Component
class Cancellation {

	private final Orders orders;

	private final StockLedger ledger;

	private final PaymentsApi payments;

	private final KnownSoldOut soldOut;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Cancellation(Orders orders, StockLedger ledger, PaymentsApi payments, KnownSoldOut soldOut,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.orders = orders;
		this.ledger = ledger;
		this.payments = payments;
		this.soldOut = soldOut;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	OrderView cancel(UUID orderId, CurrentUser user) {
		ReadOnly.refuse(user);
		Order cancelled = this.transactions.execute(status -> {
			Order order = this.orders.lock(orderId)
				.filter(candidate -> user.isAdmin() || candidate.userId().equals(user.id()))
				.orElseThrow(() -> ApiException.notFound("Order"));
			return switch (order.status()) {
				case CANCELLED -> order;
				case PENDING_PAYMENT -> throw ApiException
					.conflict("The payment of this order is still being settled; cancel it once it is paid");
				case PAID -> refundAndRestock(order);
			};
		});
		this.soldOut.forgetAll();
		return OrderView.of(cancelled);
	}

	private Order refundAndRestock(Order order) {
		String refundId = null;
		if (order.total().amount() > 0) {
			RefundOutcome outcome = this.payments.refund(order.id());
			if (outcome instanceof RefundOutcome.Failed) {
				throw ApiException.unavailable("The refund could not be made now; nothing changed, retry later",
						Duration.ofSeconds(5));
			}
			refundId = ((RefundOutcome.Refunded) outcome).refundId();
		}
		for (OrderLine line : order.lines()) {
			this.ledger.restock(order.dropId(), order.userId(), line.sku(), line.quantity());
		}
		this.orders.markCancelled(order.id(), "CUSTOMER", refundId, this.clock.instant());
		this.events.publishEvent(
				new OrderCancelled(order.id(), order.userId(), "CUSTOMER", order.lines(), RequestIds.current()));
		if (refundId != null) {
			this.events.publishEvent(
					new PaymentRefunded(order.id(), order.userId(), refundId, order.total(), RequestIds.current()));
		}
		return this.orders.find(order.id()).orElseThrow();
	}

}
