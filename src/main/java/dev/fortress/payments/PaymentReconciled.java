package dev.fortress.payments;

import java.util.UUID;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * Published when a charge whose outcome was {@link PaymentOutcome.Unknown unknown} has
 * been settled with the provider: {@code captured} tells whether the money was taken.
 */
public record PaymentReconciled(UUID orderId, boolean captured, String paymentId,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.orderId.toString();
	}

}
