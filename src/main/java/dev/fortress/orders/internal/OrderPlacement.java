package dev.fortress.orders.internal;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.inventory.DropState;
import dev.fortress.orders.OrderPlaced;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * What every strategy does once stock is taken, in the same transaction: link the
 * idempotency key to the order, insert it and publish {@link OrderPlaced} (stored by the
 * event publication registry in this transaction, so the event exists iff the order
 * does). A request whose key a retry took over places nothing: the link fails, and the
 * transaction rolls back.
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

	@Transactional(propagation = Propagation.MANDATORY)
	void place(OrderDraft draft) {
		if (!this.idempotency.link(draft.key(), draft.id())) {
			throw Idempotency.takenOver();
		}
		this.orders.insert(draft, this.clock.instant());
		this.events.publishEvent(new OrderPlaced(draft.id(), draft.userId(), draft.dropId(), draft.lines(),
				draft.total(), draft.requestId()));
	}

	static ApiException soldOut(String what) {
		return new ApiException(ProblemType.SOLD_OUT, what + " is sold out");
	}

	static ApiException notLive(DropState drop, java.time.Instant now) {
		return new ApiException(ProblemType.SOLD_OUT,
				now.isBefore(drop.startsAt()) ? "The drop has not started yet" : "The drop has ended");
	}

	static ApiException limitReached(DropState drop) {
		return ApiException
			.conflict("You have reached this drop's limit of " + drop.perCustomerLimit() + " per customer");
	}

}
