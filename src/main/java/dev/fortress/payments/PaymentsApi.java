package dev.fortress.payments;

import java.util.UUID;

import dev.fortress.platform.Money;

/**
 * Charges and refunds orders through the payment provider. Both calls are idempotent per
 * order: the provider idempotency key is derived from the order id, so a retry (or a
 * reconciliation) can never charge or refund twice.
 */
public interface PaymentsApi {

	/**
	 * Authorises and captures {@code amount} for the order with the card {@code token}.
	 * Never throws for provider trouble: the outcome says what happened.
	 */
	PaymentOutcome charge(UUID orderId, Money amount, String token);

	/** Refunds the order's captured payment in full. */
	RefundOutcome refund(UUID orderId);

}
