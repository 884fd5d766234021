package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.payments.PaymentOutcome;
import dev.fortress.payments.PaymentsApi;
import dev.fortress.payments.RefundOutcome;

/**
 * Takes a placed order through its payment. The charge runs outside any transaction
 * (never hold a row lock over a network call); its outcome is then applied through the
 * {@link OrderLifecycle} in one transaction together with the idempotency record's final
 * response. Approved → {@code PAID}; declined → {@code CANCELLED} and released, the
 * answer stored; unavailable → {@code CANCELLED} and released, the key let go so a retry
 * runs again; unknown → stays {@code PENDING_PAYMENT} until {@code PaymentReconciled}.
 */
@Component
class Settlement {

	private static final Logger log = LoggerFactory.getLogger(Settlement.class);

	/** What taking an order through its payment came to. */
	sealed interface Result {

		/**
		 * The order as it stands now: paid, still pending (the charge's answer is
		 * unknown), or already settled before.
		 */
		record Settled(OrderView order) implements Result {
		}

		/** The card was declined: the order was cancelled and its units released. */
		record Declined() implements Result {
		}

		/**
		 * The provider failed or its circuit is open: the order was cancelled and
		 * released, nothing charged; retry after {@code retryAfter}.
		 */
		record Unavailable(Duration retryAfter) implements Result {
		}

	}

	private final Orders orders;

	private final OrderLifecycle lifecycle;

	private final PaymentsApi payments;

	private final Idempotency idempotency;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	Settlement(Orders orders, OrderLifecycle lifecycle, PaymentsApi payments, Idempotency idempotency,
			TransactionTemplate transactions, JsonMapper json, Clock clock) {
		this.orders = orders;
		this.lifecycle = lifecycle;
		this.payments = payments;
		this.idempotency = idempotency;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Charges the order (idempotently: the provider key derives from the order id) and
	 * applies the outcome; {@code key} is the checkout's claimed idempotency key, or null
	 * when the sweeper re-drives a stale order.
	 */
	Result pay(Order order, Idempotency.@Nullable Held key) {
		if (order.status() != OrderStatus.PENDING_PAYMENT) {
			return new Result.Settled(complete(order, key));
		}
		PaymentOutcome outcome = order.total().amount() == 0 ? new PaymentOutcome.Approved(null)
				: this.payments.charge(order.id(), order.total(), order.paymentToken());
		if (outcome instanceof PaymentOutcome.Approved approved) {
			Order paid = this.transactions.execute(status -> {
				Order after = this.lifecycle.pay(order, approved.paymentId());
				complete(after, key);
				return after;
			});
			refundIfReleasedMeanwhile(paid);
			return new Result.Settled(OrderView.of(paid));
		}
		if (outcome instanceof PaymentOutcome.Declined) {
			this.transactions.executeWithoutResult(status -> {
				this.lifecycle.release(order, "PAYMENT_DECLINED");
				if (key != null) {
					this.idempotency.completeWithProblem(key, CheckoutProblems.paymentDeclined());
				}
			});
			return new Result.Declined();
		}
		if (outcome instanceof PaymentOutcome.Unavailable unavailable) {
			this.transactions.executeWithoutResult(status -> {
				this.lifecycle.release(order, "PAYMENT_UNAVAILABLE");
				if (key != null) {
					this.idempotency.release(key);
				}
			});
			return new Result.Unavailable(
					unavailable.retryAfter() == null ? Duration.ofSeconds(5) : unavailable.retryAfter());
		}
		// Unknown: the reservation holds until the payments module reconciles the charge.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		this.orders.touch(order.id(), now);
		return new Result.Settled(complete(order.touched(now), key));
	}

	/** Stores the response for the key (if any) and returns the view. */
	private OrderView complete(Order order, Idempotency.@Nullable Held key) {
		OrderView view = OrderView.of(order);
		if (key != null) {
			this.idempotency.completeWithBody(key, 201, this.json.writeValueAsString(view));
		}
		return view;
	}

	/** Applies a reconciled charge: captured → PAID, otherwise CANCELLED and released. */
	void reconciled(UUID orderId, boolean captured, @Nullable String paymentId) {
		Optional<Order> settled = this.transactions.execute(status -> this.lifecycle.lock(orderId)
			.map((order) -> captured ? this.lifecycle.pay(order, paymentId)
					: this.lifecycle.release(order, "PAYMENT_NOT_CAPTURED")));
		if (settled.isEmpty()) {
			// A payment of no order of this shop (the provider is shared, or the order's
			// placement rolled back): nothing to settle; retrying would never change
			// that.
			log.warn("Reconciled payment for unknown order {}; ignored", orderId);
			return;
		}
		if (captured) {
			refundIfReleasedMeanwhile(settled.get());
		}
	}

	/**
	 * A capture arrived for an order that was cancelled and released meanwhile (it lost a
	 * race: e.g. a retry's charge went through while the first attempt was releasing the
	 * order after "unavailable"). The customer must not pay for units they do not get:
	 * refund it. Idempotent: a payment refunded already answers with that refund, and an
	 * order with a refund records no second one.
	 */
	private void refundIfReleasedMeanwhile(Order order) {
		if (order.status() != OrderStatus.CANCELLED || order.refundId() != null || order.total().amount() == 0) {
			return;
		}
		RefundOutcome outcome = this.payments.refund(order.id());
		if (outcome instanceof RefundOutcome.Refunded refunded) {
			this.transactions
				.executeWithoutResult(status -> this.lifecycle.recordRefund(order.id(), refunded.refundId()));
		}
		else {
			log.error("Order {} was cancelled but its payment was captured, and the refund failed ({}): "
					+ "refund it by hand", order.id(), outcome);
		}
	}

}
