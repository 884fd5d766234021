package dev.fortress.orders.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Money;

/**
 * An order and the rules of its lifecycle:
 *
 * <pre>
 * PENDING_PAYMENT ──pay──────────▶ PAID ──cancel (refunded, restocked)──▶ CANCELLED
 *        │                          └──refunding (refund not made yet)──▶ REFUNDING ──cancel──▶ CANCELLED
 *        └──release (declined, unavailable, not captured)──▶ CANCELLED ──recordRefund──▶ CANCELLED, refunded
 * </pre>
 *
 * Each transition checks the state it starts from and returns the {@link Transition}, or
 * empty when it does not apply: settling an order twice (a reconciliation racing the
 * checkout) is a no-op, not an error. {@link OrderLifecycle} applies a transition under
 * the order's row lock, with what goes with it (stock, cart, events). Lines never change
 * after the order is placed.
 */
record Order(UUID id, UUID userId, @Nullable UUID dropId, OrderStatus status, List<OrderLine> lines, Money total,
		String paymentToken, @Nullable String paymentId, @Nullable String refundId, @Nullable String cancelReason,
		long version, Instant createdAt, Instant updatedAt) {

	/** A guarded change of state: which step, and the order after it. */
	record Transition(Step step, Order order) {

		enum Step {

			/** PENDING_PAYMENT → PAID: the units are sold. */
			PAY,
			/** PENDING_PAYMENT → CANCELLED: the reservation is released. */
			RELEASE,
			/** PAID or REFUNDING → CANCELLED: refunded, the units restocked. */
			CANCEL,
			/**
			 * PAID → REFUNDING: the customer cancelled, the refund could not be made yet;
			 * the units stay sold until it is.
			 */
			REFUNDING,
			/** A cancelled order whose capture came after all was refunded. */
			RECORD_REFUND

		}

	}

	/** A new order for the draft, waiting for its payment. */
	static Order placed(OrderDraft draft, Instant now) {
		// By SKU, as the order is read back.
		List<OrderLine> lines = draft.lines().stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
		return new Order(draft.id(), draft.userId(), draft.dropId(), OrderStatus.PENDING_PAYMENT, lines, draft.total(),
				draft.paymentToken(), null, null, null, 0, now, now);
	}

	Optional<Transition> pay(@Nullable String paymentId, Instant now) {
		if (this.status != OrderStatus.PENDING_PAYMENT) {
			return Optional.empty();
		}
		return step(Transition.Step.PAY, OrderStatus.PAID, paymentId, null, null, now);
	}

	/** {@code reason}: {@code PAYMENT_DECLINED}, {@code PAYMENT_UNAVAILABLE}, ... */
	Optional<Transition> release(String reason, Instant now) {
		if (this.status != OrderStatus.PENDING_PAYMENT) {
			return Optional.empty();
		}
		return step(Transition.Step.RELEASE, OrderStatus.CANCELLED, this.paymentId, null, reason, now);
	}

	/** {@code refundId} is null for a free order: there was nothing to refund. */
	Optional<Transition> cancel(String reason, @Nullable String refundId, Instant now) {
		if (this.status != OrderStatus.PAID && this.status != OrderStatus.REFUNDING) {
			return Optional.empty();
		}
		return step(Transition.Step.CANCEL, OrderStatus.CANCELLED, this.paymentId, refundId, reason, now);
	}

	/** The customer cancelled a paid order whose refund could not be made now. */
	Optional<Transition> refunding(String reason, Instant now) {
		if (this.status != OrderStatus.PAID) {
			return Optional.empty();
		}
		return step(Transition.Step.REFUNDING, OrderStatus.REFUNDING, this.paymentId, null, reason, now);
	}

	Optional<Transition> recordRefund(String refundId, Instant now) {
		if (this.status != OrderStatus.CANCELLED || this.refundId != null) {
			return Optional.empty();
		}
		return step(Transition.Step.RECORD_REFUND, OrderStatus.CANCELLED, this.paymentId, refundId, this.cancelReason,
				now);
	}

	/**
	 * Still pending at {@code now}: the charge's answer is unknown, so the sweeper waits
	 * another while before it re-drives the order.
	 */
	Order touched(Instant now) {
		return new Order(this.id, this.userId, this.dropId, this.status, this.lines, this.total, this.paymentToken,
				this.paymentId, this.refundId, this.cancelReason, this.version, this.createdAt, now);
	}

	Order withLines(List<OrderLine> lines) {
		return new Order(this.id, this.userId, this.dropId, this.status, lines, this.total, this.paymentToken,
				this.paymentId, this.refundId, this.cancelReason, this.version, this.createdAt, this.updatedAt);
	}

	private Optional<Transition> step(Transition.Step step, OrderStatus status, @Nullable String paymentId,
			@Nullable String refundId, @Nullable String cancelReason, Instant now) {
		return Optional
			.of(new Transition(step, new Order(this.id, this.userId, this.dropId, status, this.lines, this.total,
					this.paymentToken, paymentId, refundId, cancelReason, this.version + 1, this.createdAt, now)));
	}

}
