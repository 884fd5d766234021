package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.events.Origin;

/**
 * The one place an order changes state after it was placed: lock the order row, let
 * {@link Order} check the transition, move the stock, write the order and its timeline
 * entry, publish the events, all in the caller's transaction (so an event exists iff its
 * change committed). Settlement, reconciliation and cancellation only decide
 * <em>which</em> transition; a transition that does not apply returns the order as it is.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class OrderLifecycle {

	private final Orders orders;

	private final StockLedger ledger;

	private final Carts carts;

	private final KnownSoldOut soldOut;

	private final OrderTimeline timeline;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OrderLifecycle(Orders orders, StockLedger ledger, Carts carts, KnownSoldOut soldOut, OrderTimeline timeline,
			ApplicationEventPublisher events, Clock clock) {
		this.timeline = timeline;
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

	/**
	 * PENDING_PAYMENT → PAID: the units leave the shelf and the cart. The checkout knows
	 * the order it just placed, so it first writes the change guarded by the version it
	 * knows (one statement, which locks the row as well); only if the order changed
	 * meanwhile (a reconciliation or the sweeper settled it) is it locked and read.
	 */
	Order pay(Order order, @Nullable String paymentId) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Optional<Order.Transition> known = order.pay(paymentId, now);
		if (known.isPresent() && this.orders.updateIfVersion(known.get().order(), order.version())) {
			return apply(known.get(), true);
		}
		return change(this.orders.lock(order), (locked, at) -> locked.pay(paymentId, at));
	}

	Order pay(UUID orderId, @Nullable String paymentId) {
		return change(lock(orderId).orElseThrow(), (locked, now) -> locked.pay(paymentId, now));
	}

	/**
	 * The PAY step of free orders being placed in this transaction, as {@link Order#pay}
	 * returned them: nothing to charge, so the units leave the shelf and the cart at once
	 * and {@code OrderPaid} follows {@code OrderPlaced}. No row lock and no update: the
	 * caller inserts the orders in this state. A batch of one SKU commits its sale in one
	 * update. {@code origins} are the orders' checkouts'.
	 */
	void payOnPlacement(List<Order> paid, List<Origin> origins) {
		Map<String, Integer> sold = new TreeMap<>();
		for (Order order : paid) {
			order.lines().forEach(line -> sold.merge(line.sku(), line.quantity(), Integer::sum));
		}
		sold.forEach(this.ledger::commitSale);
		this.carts.removeBought(paid.stream()
			.flatMap(order -> order.lines().stream().map(line -> Map.entry(order.userId(), line.sku())))
			.toList());
		for (int i = 0; i < paid.size(); i++) {
			Order order = paid.get(i);
			this.events.publishEvent(new OrderPaid(order.id(), order.userId(), order.paymentId(), order.total(),
					EventMetadata.of(origins.get(i), this.clock)));
		}
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

	/**
	 * PAID → REFUNDING for an order the caller has locked and could not refund now: no
	 * stock moves and no event is published until the refund is made and the order is
	 * {@link #cancel cancelled}.
	 */
	Order refunding(Order locked, String reason) {
		return change(locked, (order, now) -> order.refunding(reason, now));
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
		return transition.apply(locked, now).map((step) -> apply(step, false)).orElse(locked);
	}

	private Order apply(Order.Transition transition, boolean written) {
		Order order = transition.order();
		moveStock(transition.step(), order);
		if (!written) {
			this.orders.update(order);
		}
		List<OrderTimeline.Entry> history = new ArrayList<>(2);
		history.add(OrderTimeline.of(transition));
		if (order.refundId() != null && (transition.step() == Order.Transition.Step.RELEASE
				|| transition.step() == Order.Transition.Step.CANCEL)) {
			history.add(OrderTimeline.of(new Order.Transition(Order.Transition.Step.RECORD_REFUND, order)));
		}
		this.timeline.record(history);
		switch (transition.step()) {
			case PAY -> {
				this.carts.removeBought(order.userId(), order.lines().stream().map(OrderLine::sku).toList());
				this.events.publishEvent(new OrderPaid(order.id(), order.userId(), order.paymentId(), order.total(),
						EventMetadata.now(this.clock)));
			}
			case RELEASE, CANCEL -> {
				this.events.publishEvent(new OrderCancelled(order.id(), order.userId(), order.cancelReason(),
						order.lines(), EventMetadata.now(this.clock)));
				publishRefund(order);
				forgetSoldOutAfterCommit();
			}
			case RECORD_REFUND -> publishRefund(order);
			case REFUNDING -> {
			}
		}
		return order;
	}

	private void moveStock(Order.Transition.Step step, Order order) {
		for (OrderLine line : order.lines()) {
			switch (step) {
				case PAY -> this.ledger.commitSale(line.sku(), line.quantity());
				case RELEASE -> this.ledger.release(order.dropId(), order.userId(), line.sku(), line.quantity());
				case CANCEL -> this.ledger.restock(order.dropId(), order.userId(), line.sku(), line.quantity());
				case RECORD_REFUND, REFUNDING -> {
				}
			}
		}
	}

	private void publishRefund(Order order) {
		if (order.refundId() != null) {
			this.events.publishEvent(new PaymentRefunded(order.id(), order.userId(), order.refundId(), order.total(),
					EventMetadata.now(this.clock)));
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
