package dev.fortress.realtime.internal;

import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.fortress.inventory.DropSoldOut;
import dev.fortress.inventory.DropUnitsReturned;
import dev.fortress.orders.OrderPlaced;

/**
 * Tells {@link DropCounters} which drops changed, once the change has committed: an order
 * from a drop, its sell-out, units given back to it.
 * <p>
 * These are plain listeners that run in the publishing transaction and only register an
 * after-commit callback. An after-commit {@code @TransactionalEventListener} would do the
 * same, but Spring Modulith's registry writes a delivery row for every such listener in
 * the checkout's transaction (and completes it after): two statements per order for a
 * hint that is worthless once lost, since a reconnecting client re-reads the state
 * anyway. A rolled-back transaction marks nothing.
 */
@Component
class DropChanges {

	private final DropCounters counters;

	DropChanges(DropCounters counters) {
		this.counters = counters;
	}

	@EventListener
	void on(OrderPlaced event) {
		if (event.dropId() != null) {
			afterCommit(event.dropId());
		}
	}

	@EventListener
	void on(DropSoldOut event) {
		afterCommit(event.dropId());
	}

	@EventListener
	void on(DropUnitsReturned event) {
		afterCommit(event.dropId());
	}

	private void afterCommit(UUID dropId) {
		AfterCommit.run(() -> this.counters.changed(dropId));
	}

}
