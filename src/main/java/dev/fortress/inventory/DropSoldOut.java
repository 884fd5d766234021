package dev.fortress.inventory;

import java.time.Instant;
import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * The last unit of a drop was taken: published in the transaction that took it, so once
 * per sell-out, not per order (units that come back and sell again make another one). The
 * moment it sold out is {@code metadata().occurredAt()}.
 *
 * @param startsAt when the drop opened
 * @param quantity how many units the drop had
 */
public record DropSoldOut(UUID dropId, String sku, int quantity, Instant startsAt,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.dropId.toString();
	}

}
