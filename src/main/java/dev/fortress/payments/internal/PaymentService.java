package dev.fortress.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.MeterRegistry;

import dev.fortress.payments.PaymentOutcome;
import dev.fortress.payments.PaymentsApi;
import dev.fortress.payments.RefundOutcome;
import dev.fortress.platform.Money;

/**
 * Charges and refunds through the provider. The {@code payments} row is written before
 * the provider is called, so that a charge whose answer is lost (timeout, crash) is still
 * known and can be reconciled; and every provider call uses keys derived from the order
 * id, so calling again for the same order never charges twice.
 * <p>
 * Charges and refunds pass a bulkhead before they talk to the provider: only so many at
 * once, a further one waits briefly for a place and is otherwise answered "unavailable"
 * at once. Under a burst the excess is turned away in milliseconds instead of queueing at
 * the provider until its requests time out (which would also open the circuit on a
 * healthy provider). The reconciler does not pass it: it is one thread already.
 */
class PaymentService implements PaymentsApi {

	private static final Duration SETTLE_POLL = Duration.ofMillis(50);

	/** What a caller turned away by the bulkhead is told to wait: places free up fast. */
	static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

	private final Payments payments;

	private final ChargeFlow flow;

	private final PaymentsProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Bulkhead bulkhead;

	PaymentService(Payments payments, ChargeFlow flow, PaymentsProperties properties, Clock clock, MeterRegistry meters,
			Bulkhead bulkhead) {
		this.payments = payments;
		this.flow = flow;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.bulkhead = bulkhead;
	}

	@Override
	public PaymentOutcome charge(UUID orderId, Money amount, String token) {
		Objects.requireNonNull(orderId, "orderId");
		if (amount.amount() <= 0) {
			throw new IllegalArgumentException("A charge needs a positive amount");
		}
		if (token == null || token.isBlank() || token.length() > 100) {
			return count(new PaymentOutcome.Declined("invalid_token"));
		}
		Instant now = this.clock.instant();
		Instant leaseUntil = now.plus(this.properties.lease());
		if (this.payments.startCharge(orderId, amount.amount(), amount.currency(), token, now, leaseUntil)) {
			// The row is the one just inserted: no need to read it back.
			Payment started = new Payment(orderId, amount.amount(), amount.currency(), token, Payment.baseKey(orderId),
					Payment.State.CHARGING, null, null, null, 0, leaseUntil);
			return count(record(started, chargeWithinBulkhead(started)));
		}
		boolean ours = this.payments.restartCharge(orderId, amount.amount(), token, now, leaseUntil);
		Payment payment = this.payments.find(orderId).orElseThrow();
		if (payment.amount() != amount.amount() || !payment.currency().equals(amount.currency())) {
			throw new IllegalArgumentException("Order " + orderId + " was already charged with another amount");
		}
		if (!ours) {
			return count(outcomeOf(awaitSettled(payment)));
		}
		return count(record(payment, chargeWithinBulkhead(payment)));
	}

	private ChargeFlow.Result chargeWithinBulkhead(Payment payment) {
		if (!this.bulkhead.tryAcquirePermission()) {
			return new ChargeFlow.Result.Unavailable(BUSY_RETRY_AFTER, "provider calls at capacity");
		}
		try {
			return this.flow.charge(payment);
		}
		finally {
			this.bulkhead.onComplete();
		}
	}

	/**
	 * Records the flow's result, if the payment is still ours to settle. It is not when
	 * this call outlived its lease and the reconciler took the payment over: then the row
	 * says what was decided (and told the order), e.g. given up and being voided, and
	 * answering "approved" regardless would mark the order paid while the provider
	 * refunds the money.
	 */
	private PaymentOutcome record(Payment payment, ChargeFlow.Result result) {
		Instant now = this.clock.instant();
		UUID orderId = payment.orderId();
		boolean recorded;
		PaymentOutcome outcome;
		if (result instanceof ChargeFlow.Result.Captured captured) {
			recorded = this.payments.settle(orderId, Payment.State.CHARGING, Payment.State.CAPTURED,
					captured.pspPaymentId(), null, now);
			outcome = new PaymentOutcome.Approved(captured.pspPaymentId());
		}
		else if (result instanceof ChargeFlow.Result.Declined declined) {
			recorded = this.payments.settle(orderId, Payment.State.CHARGING, Payment.State.DECLINED, null,
					declined.reason(), now);
			outcome = new PaymentOutcome.Declined(declined.reason());
		}
		else if (result instanceof ChargeFlow.Result.Unavailable unavailable) {
			recorded = this.payments.settle(orderId, Payment.State.CHARGING, Payment.State.UNAVAILABLE, null, null,
					now);
			outcome = new PaymentOutcome.Unavailable(unavailable.retryAfter());
		}
		else {
			recorded = this.payments.await(orderId, Payment.State.CHARGING, Payment.State.UNKNOWN,
					now.plus(this.properties.reconcileInterval()), now);
			outcome = new PaymentOutcome.Unknown();
		}
		return recorded ? outcome : outcomeOf(this.payments.find(orderId).orElseThrow());
	}

	/**
	 * Another call is charging this order right now: wait (bounded by how long a charge
	 * can take) for its outcome rather than answer "unknown" while it is still running.
	 */
	private Payment awaitSettled(Payment payment) {
		Duration patience = this.properties.retryBudget().plus(this.properties.readTimeout().multipliedBy(2));
		long deadline = System.nanoTime() + patience.toNanos();
		Payment current = payment;
		while (current.state() == Payment.State.CHARGING && System.nanoTime() < deadline) {
			Backoff.sleep(SETTLE_POLL);
			current = this.payments.find(payment.orderId()).orElseThrow();
		}
		return current;
	}

	/**
	 * The outcome of an earlier charge of the same order, without calling the provider.
	 */
	private static PaymentOutcome outcomeOf(Payment payment) {
		return switch (payment.state()) {
			case CAPTURED, REFUNDED -> new PaymentOutcome.Approved(payment.pspPaymentId());
			case DECLINED -> new PaymentOutcome.Declined(payment.declineReason());
			case NOT_CAPTURED, VOIDING -> new PaymentOutcome.Declined("not_captured");
			case CHARGING, UNKNOWN, UNAVAILABLE -> new PaymentOutcome.Unknown();
		};
	}

	@Override
	public Optional<Duration> unavailableFor() {
		return this.flow.refusingFor();
	}

	@Override
	public RefundOutcome refund(UUID orderId) {
		Payment payment = this.payments.find(orderId).orElse(null);
		if (payment == null) {
			return count(new RefundOutcome.Failed("no payment for this order"));
		}
		if (payment.state() == Payment.State.REFUNDED) {
			return count(new RefundOutcome.Refunded(payment.refundId()));
		}
		if (payment.state() != Payment.State.CAPTURED) {
			return count(new RefundOutcome.Failed("nothing captured to refund (payment is " + payment.state() + ")"));
		}
		if (!this.bulkhead.tryAcquirePermission()) {
			return count(new RefundOutcome.Failed("provider calls at capacity; calling refund again is safe"));
		}
		PspReply reply;
		try {
			// Two refunds at once send the same key: the provider runs one, the other
			// waits ("key in use" is retried) and then receives the replayed answer.
			reply = this.flow.refund(payment);
		}
		finally {
			this.bulkhead.onComplete();
		}
		if (reply instanceof PspReply.Answered answer && answer.successful()) {
			String refundId = answer.text("id");
			this.payments.markRefunded(orderId, refundId, this.clock.instant());
			return count(new RefundOutcome.Refunded(refundId));
		}
		if (reply instanceof PspReply.Answered answer) {
			return count(new RefundOutcome.Failed("provider refused the refund: " + answer.errorCode()));
		}
		if (reply instanceof PspReply.Unreachable unreachable) {
			return count(new RefundOutcome.Failed("provider unavailable: " + unreachable.reason()));
		}
		return count(new RefundOutcome.Failed("refund not confirmed; calling refund again is safe"));
	}

	private PaymentOutcome count(PaymentOutcome outcome) {
		String name = outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
		this.meters.counter("fortress.payments.charges", "outcome", name).increment();
		return outcome;
	}

	private RefundOutcome count(RefundOutcome outcome) {
		String name = outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
		this.meters.counter("fortress.payments.refunds", "outcome", name).increment();
		return outcome;
	}

}
