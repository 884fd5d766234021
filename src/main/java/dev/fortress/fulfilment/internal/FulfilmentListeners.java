package dev.fortress.fulfilment.internal;

import org.springframework.stereotype.Component;

import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderLine;
import dev.fortress.orders.OrderPaid;
import dev.fortress.platform.Money;
import dev.fortress.platform.events.EventConsumer;
import dev.fortress.platform.events.ProcessedEvents;

/**
 * Idempotent consumers of the order events that matter to the warehouse: each claims the
 * event id in its own transaction ({@link ProcessedEvents}) before it changes a shipment,
 * so a redelivery or a replayed dead letter changes nothing twice.
 */
@Component
class FulfilmentListeners {

	static final String CONSUMER = "fulfilment";

	/**
	 * The reason the orders module gives when the customer (or an ADMIN) cancels a paid
	 * order.
	 */
	private static final String CUSTOMER = "CUSTOMER";

	private final ProcessedEvents processed;

	private final Shipments shipments;

	FulfilmentListeners(ProcessedEvents processed, Shipments shipments) {
		this.processed = processed;
		this.shipments = shipments;
	}

	@EventConsumer
	void on(OrderPaid event) {
		if (this.processed.firstDelivery(CONSUMER, event)) {
			this.shipments.request(event.orderId(), event.userId(), event.total());
		}
	}

	@EventConsumer
	void on(OrderCancelled event) {
		if (this.processed.firstDelivery(CONSUMER, event)) {
			Money total = event.lines()
				.stream()
				.map(OrderLine::subtotal)
				.reduce(Money::plus)
				.orElseThrow(() -> new IllegalStateException("an order without lines: " + event.orderId()));
			this.shipments.withdraw(event.orderId(), event.userId(), total, CUSTOMER.equals(event.reason()));
		}
	}

}
