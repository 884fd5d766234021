package dev.fortress.orders;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.Money;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * The payment was captured; the units left the shelf. {@code paymentId} is null for free
 * orders.
 */
public record OrderPaid(UUID orderId, UUID userId, @Nullable String paymentId, Money total,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.orderId.toString();
	}

}
