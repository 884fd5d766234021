package dev.fortress.payments.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Our record of one order's payment. Its lifecycle:
 *
 * <pre>
 * CHARGING ─┬─► CAPTURED ──► REFUNDED
 *           ├─► DECLINED
 *           ├─► UNAVAILABLE (nothing charged; a later charge may try again)
 *           └─► UNKNOWN ──(reconciler, same idempotency key)──► CAPTURED | DECLINED
 *                  └─(attempts exhausted)──► VOIDING ──► NOT_CAPTURED
 * </pre>
 *
 * A {@code CHARGING} row whose lease ran out (the process died mid-charge) is reconciled
 * like an {@code UNKNOWN} one.
 */
record Payment(UUID orderId, long amount, String currency, String cardToken, String idempotencyKey, State state,
		@Nullable String pspPaymentId, @Nullable String declineReason, @Nullable String refundId, int attempts,
		@Nullable Instant nextAttemptAt) {

	enum State {

		CHARGING, CAPTURED, DECLINED, UNAVAILABLE, UNKNOWN, VOIDING, NOT_CAPTURED, REFUNDED

	}

	/** The provider keys of this payment's calls, all derived from the order id. */
	String key(String operation) {
		return this.idempotencyKey + ":" + operation;
	}

	static String baseKey(UUID orderId) {
		return "order-" + orderId;
	}

}
