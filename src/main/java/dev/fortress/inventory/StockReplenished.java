package dev.fortress.inventory;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * Published when units of a SKU became available again through a restock, so caches that
 * remember the SKU as sold out forget it.
 */
public record StockReplenished(String sku, int onHand, int available, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.sku;
	}

}
