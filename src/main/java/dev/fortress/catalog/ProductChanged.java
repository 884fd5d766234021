package dev.fortress.catalog;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A product was created or its name, brand or description changed: what the modules that
 * keep a copy of its text (the knowledge index) re-read through
 * {@link CatalogApi#productText}.
 */
public record ProductChanged(UUID productId, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.productId.toString();
	}

}
