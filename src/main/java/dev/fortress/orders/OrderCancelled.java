package dev.fortress.orders;

import java.util.List;
import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * The order will not be fulfilled and its units are back in stock. {@code reason}:
 * {@code CUSTOMER}, {@code PAYMENT_DECLINED}, {@code PAYMENT_UNAVAILABLE},
 * {@code PAYMENT_NOT_CAPTURED}.
 */
public record OrderCancelled(UUID orderId, UUID userId, String reason, List<OrderLine> lines,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.orderId.toString();
	}

}
