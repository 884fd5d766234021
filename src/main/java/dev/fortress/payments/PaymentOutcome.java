package dev.fortress.payments;

import java.time.Duration;

/** What a charge attempt came to. */
public sealed interface PaymentOutcome {

	/** Captured; {@code paymentId} is the provider's id. */
	record Approved(String paymentId) implements PaymentOutcome {
	}

	/** The card was declined; nothing was charged. */
	record Declined(String reason) implements PaymentOutcome {
	}

	/**
	 * The provider is failing or the circuit is open; nothing was charged. Retry after
	 * the given time.
	 */
	record Unavailable(Duration retryAfter) implements PaymentOutcome {
	}

	/**
	 * No answer in time: the charge may or may not have happened. The payments module
	 * reconciles it later through the provider's idempotency key and publishes
	 * {@link PaymentReconciled}.
	 */
	record Unknown() implements PaymentOutcome {
	}

}
