package dev.fortress.inventory;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * Units of a cancelled or unpaid order went back into the drop they were sold from, so
 * the drop can sell them again: published in the transaction that gave them back. The
 * only change to a drop's remaining units that no orders event names the drop of
 * ({@code OrderCancelled} carries SKUs), which a live drop counter needs.
 */
public record DropUnitsReturned(UUID dropId, String sku, int quantity, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.dropId.toString();
	}

}
