package dev.fortress.orders.internal;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.fortress.inventory.StockLedger;
import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderLine;
import dev.fortress.orders.PaymentRefunded;
import dev.fortress.payments.PaymentRefundedAtProvider;

/**
 * A refund made directly at the payment provider, behind the shop's back, reaches the
 * order: a paid order is cancelled with that refund and its units go back on sale (as a
 * customer's cancel would, minus the refund call: the money is back already); an order
 * still waiting for its payment is cancelled and released; a cancelled order without a
 * refund records it. Idempotent: a redelivered event finds the order cancelled with its
 * refund and changes nothing.
 */
@Component
class ProviderRefundListener {

	static final String REASON = "REFUNDED_AT_PROVIDER";

	private final Orders orders;

	private final StockLedger ledger;

	private final Settlement settlement;

	private final KnownSoldOut soldOut;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProviderRefundListener(Orders orders, StockLedger ledger, Settlement settlement, KnownSoldOut soldOut,
			ApplicationEventPublisher events, Clock clock) {
		this.orders = orders;
		this.ledger = ledger;
		this.settlement = settlement;
		this.soldOut = soldOut;
		this.events = events;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(PaymentRefundedAtProvider event) {
		Order order = this.orders.lock(event.orderId()).orElse(null);
		if (order == null) {
			return;
		}
		switch (order.status()) {
			case PAID -> cancelPaid(order, event.refundId());
			case PENDING_PAYMENT -> {
				this.settlement.cancelUnpaid(order.id(), REASON);
				recordRefund(order, event.refundId());
			}
			case CANCELLED -> recordRefund(order, event.refundId());
		}
		// Units may be back on sale: forget "sold out" once they are visible to buyers.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ProviderRefundListener.this.soldOut.forgetAll();
			}
		});
	}

	private void cancelPaid(Order order, String refundId) {
		for (OrderLine line : order.lines()) {
			this.ledger.restock(order.dropId(), order.userId(), line.sku(), line.quantity());
		}
		this.orders.markCancelled(order.id(), REASON, refundId, this.clock.instant());
		this.events
			.publishEvent(new OrderCancelled(order.id(), order.userId(), REASON, order.lines(), RequestIds.current()));
		this.events.publishEvent(
				new PaymentRefunded(order.id(), order.userId(), refundId, order.total(), RequestIds.current()));
	}

	private void recordRefund(Order order, String refundId) {
		if (this.orders.recordRefund(order.id(), refundId, this.clock.instant())) {
			this.events.publishEvent(
					new PaymentRefunded(order.id(), order.userId(), refundId, order.total(), RequestIds.current()));
		}
	}

}
