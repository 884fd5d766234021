package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.inventory.StockLedger;
import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderLine;
import dev.fortress.orders.OrderPaid;
import dev.fortress.orders.PaymentRefunded;
import dev.fortress.payments.PaymentOutcome;
import dev.fortress.payments.PaymentsApi;
import dev.fortress.payments.RefundOutcome;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * Takes a placed order through its payment. The charge runs outside any transaction
 * (never hold a row lock over a network call); its outcome is then applied in one
 * transaction together with the stock change, the event and the idempotency record's
 * final response. Approved → {@code PAID}; declined → {@code CANCELLED} and released
 * (402); unavailable → {@code CANCELLED} and released, key let go so a retry runs again
 * (503); unknown → stays {@code PENDING_PAYMENT} until {@code PaymentReconciled}.
 */
@Component
class Settlement {

	private static final Logger log = LoggerFactory.getLogger(Settlement.class);

	private final Orders orders;

	private final StockLedger ledger;

	private final PaymentsApi payments;

	private final Idempotency idempotency;

	private final KnownSoldOut soldOut;

	private final Carts carts;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	Settlement(Orders orders, StockLedger ledger, PaymentsApi payments, Idempotency idempotency, KnownSoldOut soldOut,
			Carts carts, ApplicationEventPublisher events, TransactionTemplate transactions, JsonMapper json,
			Clock clock) {
		this.orders = orders;
		this.ledger = ledger;
		this.payments = payments;
		this.idempotency = idempotency;
		this.soldOut = soldOut;
		this.carts = carts;
		this.events = events;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Charges the order (idempotently: the provider key derives from the order id) and
	 * applies the outcome; {@code key} is the checkout's claimed idempotency key, or null
	 * when the sweeper re-drives a stale order.
	 */
	OrderView pay(Order order, Idempotency.@Nullable Held key) {
		if (order.status() != OrderStatus.PENDING_PAYMENT) {
			return complete(order, key);
		}
		PaymentOutcome outcome = order.total().amount() == 0 ? new PaymentOutcome.Approved(null)
				: this.payments.charge(order.id(), order.total(), order.paymentToken());
		if (outcome instanceof PaymentOutcome.Approved approved) {
			OrderView view = this.transactions
				.execute(status -> complete(markPaid(order.id(), approved.paymentId()), key));
			if (view.status() == OrderStatus.CANCELLED && view.refundId() == null && order.total().amount() > 0) {
				refundCaptureOfReleasedOrder(order.id());
			}
			return view;
		}
		if (outcome instanceof PaymentOutcome.Declined) {
			ApiException declined = new ApiException(ProblemType.PAYMENT_DECLINED,
					"The card was declined; nothing was charged and the items were released");
			this.transactions.executeWithoutResult(status -> {
				cancelUnpaid(order.id(), "PAYMENT_DECLINED");
				if (key != null) {
					this.idempotency.completeWithProblem(key, declined);
				}
			});
			this.soldOut.forgetAll();
			throw declined;
		}
		if (outcome instanceof PaymentOutcome.Unavailable unavailable) {
			this.transactions.executeWithoutResult(status -> {
				cancelUnpaid(order.id(), "PAYMENT_UNAVAILABLE");
				if (key != null) {
					this.idempotency.release(key);
				}
			});
			this.soldOut.forgetAll();
			Duration retryAfter = unavailable.retryAfter() == null ? Duration.ofSeconds(5) : unavailable.retryAfter();
			throw ApiException.unavailable("The payment provider is unavailable; nothing was charged", retryAfter);
		}
		// Unknown: the reservation holds until the payments module reconciles the charge.
		this.orders.touch(order.id(), this.clock.instant());
		return this.transactions.execute(status -> complete(this.orders.find(order.id()).orElseThrow(), key));
	}

	/** Stores the response for the key (if any) and returns the view. */
	private OrderView complete(Order order, Idempotency.@Nullable Held key) {
		OrderView view = OrderView.of(order);
		if (key != null) {
			this.idempotency.completeWithBody(key, 201, this.json.writeValueAsString(view));
		}
		return view;
	}

	/** In the caller's transaction: PENDING_PAYMENT → PAID; no-op in any other state. */
	Order markPaid(UUID orderId, @Nullable String paymentId) {
		Order order = this.orders.lock(orderId).orElseThrow();
		if (order.status() != OrderStatus.PENDING_PAYMENT) {
			return order;
		}
		Instant now = this.clock.instant();
		for (OrderLine line : order.lines()) {
			this.ledger.commitSale(line.sku(), line.quantity());
		}
		this.orders.markPaid(orderId, paymentId, now);
		this.carts.removeBought(order.userId(), order.lines().stream().map(OrderLine::sku).toList());
		this.events
			.publishEvent(new OrderPaid(orderId, order.userId(), paymentId, order.total(), RequestIds.current()));
		return this.orders.find(orderId).orElseThrow();
	}

	/** In the caller's transaction: PENDING_PAYMENT → CANCELLED, reservation released. */
	Order cancelUnpaid(UUID orderId, String reason) {
		Order order = this.orders.lock(orderId).orElseThrow();
		if (order.status() != OrderStatus.PENDING_PAYMENT) {
			return order;
		}
		for (OrderLine line : order.lines()) {
			this.ledger.release(order.dropId(), order.userId(), line.sku(), line.quantity());
		}
		this.orders.markCancelled(orderId, reason, null, this.clock.instant());
		this.events
			.publishEvent(new OrderCancelled(orderId, order.userId(), reason, order.lines(), RequestIds.current()));
		return this.orders.find(orderId).orElseThrow();
	}

	/** Applies a reconciled charge: captured → PAID, otherwise CANCELLED and released. */
	void reconciled(UUID orderId, boolean captured, @Nullable String paymentId) {
		Order settled = this.transactions
			.execute(status -> captured ? markPaid(orderId, paymentId) : cancelUnpaid(orderId, "PAYMENT_NOT_CAPTURED"));
		if (!captured) {
			this.soldOut.forgetAll();
		}
		else if (settled.status() == OrderStatus.CANCELLED && settled.refundId() == null
				&& settled.total().amount() > 0) {
			refundCaptureOfReleasedOrder(orderId);
		}
	}

	/**
	 * A capture arrived for an order that was cancelled and released meanwhile (it lost a
	 * race: e.g. a retry's charge went through while the first attempt was releasing the
	 * order after "unavailable"). The customer must not pay for units they do not get:
	 * refund it. Idempotent: a payment refunded already answers with that refund, and an
	 * order with a refund records no second one.
	 */
	private void refundCaptureOfReleasedOrder(UUID orderId) {
		RefundOutcome outcome = this.payments.refund(orderId);
		if (outcome instanceof RefundOutcome.Refunded refunded) {
			this.transactions.executeWithoutResult(status -> {
				Order order = this.orders.lock(orderId).orElseThrow();
				if (this.orders.recordRefund(orderId, refunded.refundId(), this.clock.instant())) {
					this.events.publishEvent(new PaymentRefunded(orderId, order.userId(), refunded.refundId(),
							order.total(), RequestIds.current()));
				}
			});
		}
		else {
			log.error("Order {} was cancelled but its payment was captured, and the refund failed ({}): "
					+ "refund it by hand", orderId, outcome);
		}
	}

}
