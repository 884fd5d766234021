package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.orders.OrderPlaced;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.events.Origin;

/**
 * What every strategy does once stock is taken, in the same transaction: link the
 * idempotency key to the order, insert it and publish {@link OrderPlaced} (stored by the
 * event publication registry in this transaction, so the event exists iff the order
 * does). A request whose key a retry took over places nothing: the link fails, and the
 * caller rolls the transaction back.
 * <p>
 * A free order has nothing to charge, so it is paid right here (see
 * {@link OrderLifecycle#payOnPlacement}) and its key completed with the response: the
 * reservation's commit is the checkout's only one. The batched strategy places a whole
 * batch at once, each table written with one JDBC batch.
 */
@Component
class OrderPlacement {

	private final Orders orders;

	private final Idempotency idempotency;

	private final OrderLifecycle lifecycle;

	private final OrderTimeline timeline;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock;

	OrderPlacement(Orders orders, Idempotency idempotency, OrderLifecycle lifecycle, OrderTimeline timeline,
			ApplicationEventPublisher events, JsonMapper json, Clock clock) {
		this.orders = orders;
		this.idempotency = idempotency;
		this.lifecycle = lifecycle;
		this.timeline = timeline;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * {@link Reservation.Placed} with the order as inserted (no need to read it back), or
	 * {@link Reservation.KeyTakenOver}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Reservation place(OrderDraft draft) {
		return placeAll(List.of(draft)).<Reservation>map(placed -> new Reservation.Placed(placed.get(0)))
			.orElseGet(Reservation.KeyTakenOver::new);
	}

	/**
	 * Places every draft, in order; empty (and nothing may be committed) if any draft's
	 * key was taken over by a retry.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<List<Order>> placeAll(List<OrderDraft> drafts) {
		// Microseconds, as PostgreSQL stores them: the order returned is the order
		// stored.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<Order> placed = new ArrayList<>(drafts.size());
		List<Order> stored = new ArrayList<>(drafts.size());
		List<Idempotency.Link> links = new ArrayList<>(drafts.size());
		List<OrderTimeline.Entry> history = new ArrayList<>(drafts.size());
		for (OrderDraft draft : drafts) {
			Order order = Order.placed(draft, now);
			history.add(OrderTimeline.placed(order));
			Order toStore = order;
			if (order.total().amount() == 0) {
				Order.Transition paid = order.pay(null, now).orElseThrow();
				history.add(OrderTimeline.of(paid));
				toStore = paid.order();
			}
			placed.add(order);
			stored.add(toStore);
			links.add(new Idempotency.Link(draft.key(), order.id(),
					toStore.status() == OrderStatus.PAID ? this.json.writeValueAsString(OrderView.of(toStore)) : null));
		}
		if (!this.idempotency.linkAll(links)) {
			return Optional.empty();
		}
		this.orders.insertAll(stored);
		this.timeline.record(history);
		List<Order> free = new ArrayList<>();
		List<Origin> freeOrigins = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			Order order = placed.get(i);
			this.events.publishEvent(new OrderPlaced(order.id(), order.userId(), order.dropId(), order.lines(),
					order.total(), EventMetadata.of(drafts.get(i).origin(), this.clock)));
			if (stored.get(i).status() == OrderStatus.PAID) {
				free.add(stored.get(i));
				freeOrigins.add(drafts.get(i).origin());
			}
		}
		if (!free.isEmpty()) {
			this.lifecycle.payOnPlacement(free, freeOrigins);
		}
		return Optional.of(stored);
	}

}
