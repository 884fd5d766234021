package dev.fortress.payments;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.fortress.platform.Money;

/**
 * Charges and refunds orders through the payment provider. Both calls are idempotent per
 * order: the provider idempotency key is derived from the order id, so a retry (or a
 * reconciliation) can never charge or refund twice.
 * <p>
 * Both calls block on the provider: normally milliseconds, at most the bulkhead's wait
 * plus about the retry budget plus one 2 s timeout per step. Call them outside a database
 * transaction, so a slow provider does not hold a connection.
 */
public interface PaymentsApi {

	/**
	 * Authorises and captures {@code amount} for the order with the card {@code token}.
	 * Never throws for provider trouble: the outcome says what happened.
	 * <ul>
	 * <li>{@link PaymentOutcome.Approved}: captured.</li>
	 * <li>{@link PaymentOutcome.Declined}: nothing charged (also for an invalid
	 * token).</li>
	 * <li>{@link PaymentOutcome.Unavailable}: nothing charged; the provider failed on
	 * every attempt, the circuit is open (then the call returns at once), or every place
	 * to talk to the provider stayed taken for the bulkhead's short wait. Charging the
	 * same order again later is allowed.</li>
	 * <li>{@link PaymentOutcome.Unknown}: the provider did not answer in time. Exactly
	 * one {@link PaymentReconciled} event follows for this order once it is settled
	 * (captured, or not captured after the bounded attempts).</li>
	 * </ul>
	 * Calling again for an order that already has a settled outcome returns that outcome
	 * without calling the provider.
	 * @throws IllegalArgumentException if the amount is not positive, or the order was
	 * already charged with a different amount
	 */
	PaymentOutcome charge(UUID orderId, Money amount, String token);

	/**
	 * Refunds the order's captured payment in full. Safe to call twice, even at once: the
	 * provider refunds once and both calls get the same {@link RefundOutcome.Refunded}.
	 * {@link RefundOutcome.Failed} when nothing was captured, the provider is unavailable
	 * or busy, or its answer did not come in time (calling again is safe; a refund the
	 * provider made anyway is learned from its refunds feed and published as
	 * {@link PaymentRefundedAtProvider}).
	 */
	RefundOutcome refund(UUID orderId);

	/**
	 * Whether a charge made now would be refused without reaching the provider: while the
	 * circuit is open, the time until it lets trial calls through; empty otherwise. No
	 * I/O, so a caller can ask before it reserves anything and refuse at once. A charge
	 * may still come back {@link PaymentOutcome.Unavailable} when this was empty.
	 */
	Optional<Duration> unavailableFor();

}
