package dev.fortress.payments;

import java.util.UUID;

import dev.fortress.platform.Money;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * Published when the payments module learns from the provider that an order's captured
 * payment was refunded, and it had not recorded that refund itself: typically a refund
 * made directly at the provider (its dashboard, its support), behind Fortress's back. The
 * money went back to the customer, so the order must not stay paid. Published once per
 * refund (the provider's refunds feed is read from a stored position, in the same
 * transaction that records the refund); listeners must still be idempotent, as delivery
 * is at least once.
 */
public record PaymentRefundedAtProvider(UUID orderId, String paymentId, String refundId, Money amount,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.orderId.toString();
	}

}
