package dev.fortress.orders;

import java.util.UUID;

import dev.fortress.platform.Money;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/** A cancelled paid order's money went back to the customer. */
public record PaymentRefunded(UUID orderId, UUID userId, String refundId, Money amount,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.orderId.toString();
	}

}
