package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.orders.OrderPlaced;

/**
 * What every strategy does once stock is taken, in the same transaction: link the
 * idempotency key to the order, insert it and publish {@link OrderPlaced} (stored by the
 * event publication registry in this transaction, so the event exists iff the order
 * does). A request whose key a retry took over places nothing: the link fails, and the
 * caller rolls the transaction back.
 */
@Component
class OrderPlacement {

	private final Orders orders;

	private final Idempotency idempotency;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OrderPlacement(Orders orders, Idempotency idempotency, ApplicationEventPublisher events, Clock clock) {
		this.orders = orders;
		this.idempotency = idempotency;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * {@link Reservation.Placed} with the order as inserted (no need to read it back), or
	 * {@link Reservation.KeyTakenOver}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Reservation place(OrderDraft draft) {
		if (!this.idempotency.link(draft.key(), draft.id())) {
			return new Reservation.KeyTakenOver();
		}
		// Microseconds, as PostgreSQL stores them: the order returned is the order
		// stored.
		Order order = Order.placed(draft, this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.orders.insert(order);
		this.events.publishEvent(new OrderPlaced(order.id(), order.userId(), order.dropId(), order.lines(),
				order.total(), draft.requestId()));
		return new Reservation.Placed(order);
	}

}
