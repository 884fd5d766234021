package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.fortress.inventory.StockLedger;
import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderLine;
import dev.fortress.orders.OrderPaid;
import dev.fortress.orders.PaymentRefunded;

/**
 * The one place an order changes state after it was placed: lock the order row, let
 * {@link Order} check the transition, move the stock, write the order, publish the
 * events, all in the caller's transaction (so an event exists iff its change committed).
 * Settlement, reconciliation and cancellation only decide <em>which</em> transition; a
 * transition that does not apply returns the order as it is.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class OrderLifecycle {

	private final Orders orders;

	private final StockLedger ledger;

	private final Carts carts;

	private final KnownSoldOut soldOut;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OrderLifecycle(Orders orders, StockLedger ledger, Carts carts, KnownSoldOut soldOut,
			ApplicationEventPublisher events, Clock clock) {
		this.orders = orders;
		this.ledger = ledger;
		this.carts = carts;
		this.soldOut = soldOut;
		this.events = events;
		this.clock = clock;
	}

	/** Locks the order's row until commit, so its changes run one at a time. */
	Optional<Order> lock(UUID orderId) {
		return this.orders.lock(orderId);
	}

	/** PENDING_PAYMENT → PAID: the units leave the shelf and the cart. */
	Order pay(Order order, @Nullable String paymentId) {
		return change(this.orders.lock(order), (locked, now) -> locked.pay(paymentId, now));
	}

	Order pay(UUID orderId, @Nullable String paymentId) {
		return change(lock(orderId).orElseThrow(), (locked, now) -> locked.pay(paymentId, now));
	}

	/**
	 * PENDING_PAYMENT → CANCELLED: the reservation goes back (to the drop, or the shelf).
	 */
	Order release(Order order, String reason) {
		return change(this.orders.lock(order), (locked, now) -> locked.release(reason, now));
	}

	Order release(UUID orderId, String reason) {
		return change(lock(orderId).orElseThrow(), (locked, now) -> locked.release(reason, now));
	}

	/**
	 * PAID → CANCELLED for an order the caller has locked and refunded: the units come
	 * back on the shelf (and into the drop).
	 */
	Order cancel(Order locked, String reason, @Nullable String refundId) {
		return change(locked, (order, now) -> order.cancel(reason, refundId, now));
	}

	/** Records the refund of a capture that arrived after the order was released. */
	Order recordRefund(UUID orderId, String refundId) {
		return recordRefund(lock(orderId).orElseThrow(), refundId);
	}

	Order recordRefund(Order locked, String refundId) {
		return change(locked, (order, now) -> order.recordRefund(refundId, now));
	}

	private Order change(Order locked, BiFunction<Order, Instant, Optional<Order.Transition>> transition) {
		// Microseconds, as PostgreSQL stores them: the order returned is the order
		// stored.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return transition.apply(locked, now).map(this::apply).orElse(locked);
	}

	private Order apply(Order.Transition transition) {
		Order order = transition.order();
		moveStock(transition.step(), order);
		this.orders.update(order);
		switch (transition.step()) {
			case PAY -> {
				this.carts.removeBought(order.userId(), order.lines().stream().map(OrderLine::sku).toList());
				this.events.publishEvent(new OrderPaid(order.id(), order.userId(), order.paymentId(), order.total(),
						RequestIds.current()));
			}
			case RELEASE, CANCEL -> {
				this.events.publishEvent(new OrderCancelled(order.id(), order.userId(), order.cancelReason(),
						order.lines(), RequestIds.current()));
				publishRefund(order);
				forgetSoldOutAfterCommit();
			}
			case RECORD_REFUND -> publishRefund(order);
		}
		return order;
	}

	private void moveStock(Order.Transition.Step step, Order order) {
		for (OrderLine line : order.lines()) {
			switch (step) {
				case PAY -> this.ledger.commitSale(line.sku(), line.quantity());
				case RELEASE -> this.ledger.release(order.dropId(), order.userId(), line.sku(), line.quantity());
				case CANCEL -> this.ledger.restock(order.dropId(), order.userId(), line.sku(), line.quantity());
				case RECORD_REFUND -> {
				}
			}
		}
	}

	private void publishRefund(Order order) {
		if (order.refundId() != null) {
			this.events.publishEvent(new PaymentRefunded(order.id(), order.userId(), order.refundId(), order.total(),
					RequestIds.current()));
		}
	}

	/** Units came back: the sold-out memory must not outlive this commit. */
	private void forgetSoldOutAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				OrderLifecycle.this.soldOut.forgetAll();
			}
		});
	}

}
