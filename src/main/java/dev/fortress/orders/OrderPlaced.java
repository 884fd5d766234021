package dev.fortress.orders;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.Money;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * Stock was reserved and the order inserted; it now waits for its payment. Its origin
 * names the checkout that caused it, even when a batch writer inserted it.
 */
public record OrderPlaced(UUID orderId, UUID userId, @Nullable UUID dropId, List<OrderLine> lines, Money total,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.orderId.toString();
	}

}
