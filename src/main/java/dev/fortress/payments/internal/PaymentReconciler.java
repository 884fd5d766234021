package dev.fortress.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.payments.PaymentReconciled;
import dev.fortress.platform.events.EventMetadata;

/**
 * Settles payments whose outcome is unknown. It replays the very same authorise (and
 * capture) calls with the same idempotency keys: the provider answers with what it
 * stored, or performs the call now if the first one never arrived, so the money is taken
 * at most once. Attempts back off exponentially and are bounded; when they run out the
 * payment is treated as not captured, {@link PaymentReconciled} says so, and whatever the
 * provider holds for the order is voided or refunded. Rows are claimed with
 * {@code SKIP LOCKED} and a lease, so several instances can run this side by side.
 */
class PaymentReconciler {

	private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);

	private final Payments payments;

	private final ChargeFlow flow;

	private final PaymentsProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	private final Backoff backoff;

	PaymentReconciler(Payments payments, ChargeFlow flow, PaymentsProperties properties, Clock clock,
			TransactionTemplate transactions, ApplicationEventPublisher events, MeterRegistry meters) {
		this.payments = payments;
		this.flow = flow;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
		this.meters = meters;
		this.backoff = new Backoff(properties.reconcileInterval(), properties.reconcileMaxBackoff());
	}

	@Scheduled(initialDelayString = "${fortress.payments.reconcile-interval:10s}",
			fixedDelayString = "${fortress.payments.reconcile-interval:10s}")
	void run() {
		try {
			reconcileDue();
		}
		catch (RuntimeException ex) {
			// The next run tries again; a scheduler thread must not die of one bad batch.
			log.error("Payment reconciliation run failed", ex);
		}
	}

	/** Works through every payment that is due now; returns how many were looked at. */
	int reconcileDue() {
		int handled = 0;
		List<Payment> batch;
		do {
			Instant now = this.clock.instant();
			batch = this.payments.claimDue(now, now.plus(this.properties.lease()),
					this.properties.reconcileBatchSize());
			batch.forEach(this::reconcile);
			handled += batch.size();
		}
		while (batch.size() == this.properties.reconcileBatchSize());
		return handled;
	}

	/** One attempt for one claimed payment (package-private so tests can drive it). */
	void reconcile(Payment payment) {
		if (payment.state() == Payment.State.VOIDING) {
			release(payment);
			return;
		}
		ChargeFlow.Result result = this.flow.charge(payment);
		if (result instanceof ChargeFlow.Result.Captured captured) {
			settle(payment, Payment.State.CAPTURED, captured.pspPaymentId(), null, "captured");
		}
		else if (result instanceof ChargeFlow.Result.Declined declined) {
			settle(payment, Payment.State.DECLINED, null, declined.reason(), "declined");
		}
		else if (payment.attempts() >= this.properties.reconcileMaxAttempts()) {
			giveUp(payment);
		}
		else {
			retryLater(payment, payment.state(), "retry");
		}
	}

	private void settle(Payment payment, Payment.State to, String pspPaymentId, String declineReason, String result) {
		this.transactions.executeWithoutResult(status -> {
			if (this.payments.settle(payment.orderId(), payment.state(), to, pspPaymentId, declineReason,
					this.clock.instant())) {
				this.events.publishEvent(new PaymentReconciled(payment.orderId(), to == Payment.State.CAPTURED,
						pspPaymentId, EventMetadata.now(this.clock)));
				count(result);
			}
		});
	}

	/**
	 * Out of attempts: the order is told "not captured" now, the provider is cleaned up
	 * next.
	 */
	private void giveUp(Payment payment) {
		log.warn("Payment of order {} still unknown after {} attempts; treating it as not captured", payment.orderId(),
				payment.attempts());
		this.transactions.executeWithoutResult(status -> {
			Instant now = this.clock.instant();
			if (this.payments.await(payment.orderId(), payment.state(), Payment.State.VOIDING, now, now)) {
				this.events
					.publishEvent(new PaymentReconciled(payment.orderId(), false, null, EventMetadata.now(this.clock)));
				count("given_up");
			}
		});
	}

	private void release(Payment payment) {
		if (this.flow.release(payment)) {
			this.payments.settle(payment.orderId(), Payment.State.VOIDING, Payment.State.NOT_CAPTURED, null,
					"not_captured", this.clock.instant());
			count("voided");
		}
		else {
			// Money may still be held at the provider: keep trying, with capped backoff.
			retryLater(payment, Payment.State.VOIDING, "void_retry");
		}
	}

	private void retryLater(Payment payment, Payment.State state, String result) {
		Duration delay = this.backoff.delay(payment.attempts());
		Instant now = this.clock.instant();
		this.payments.await(payment.orderId(), state, state, now.plus(delay), now);
		count(result);
	}

	private void count(String result) {
		this.meters.counter("fortress.payments.reconciliations", "result", result).increment();
	}

}
