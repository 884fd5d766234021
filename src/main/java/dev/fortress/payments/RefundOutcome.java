package dev.fortress.payments;

/** What a refund attempt came to. */
public sealed interface RefundOutcome {

	record Refunded(String refundId) implements RefundOutcome {
	}

	/** The provider could not be reached or failed; nothing was refunded yet. */
	record Failed(String reason) implements RefundOutcome {
	}

}
