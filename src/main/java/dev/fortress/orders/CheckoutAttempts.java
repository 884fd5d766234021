package dev.fortress.orders;

import java.time.Instant;
import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * How many checkout requests named a drop during a window (about a second): every request
 * for a drop that exists, including the sold-out refusals answered from memory. Counted
 * in memory and published once per window and drop, only when the count is not zero, so a
 * burst of checkouts costs no statement per request (see docs/analytics.md).
 *
 * @param count requests in the window, at least 1
 * @param windowStart when this instance started counting the window
 * @param windowEnd when the count was taken
 */
public record CheckoutAttempts(UUID dropId, long count, Instant windowStart, Instant windowEnd,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.dropId.toString();
	}

}
