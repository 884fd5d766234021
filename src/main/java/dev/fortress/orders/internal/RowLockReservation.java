package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;

import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.StockLedger;
import dev.fortress.orders.OrderLine;

/**
 * The baseline the other strategies are measured against: per request, lock the row the
 * order takes from ({@code SELECT … FOR UPDATE} the drop, or each SKU's stock), check,
 * update, insert the order, commit. Correct and simple; every buyer of a hot drop or SKU
 * waits for the row lock in turn, and pays one commit each.
 */
class RowLockReservation implements ReservationStrategy {

	private final StockLedger ledger;

	private final OrderPlacement placement;

	private final TransactionTemplate transactions;

	private final Clock clock;

	RowLockReservation(StockLedger ledger, OrderPlacement placement, TransactionTemplate transactions, Clock clock) {
		this.ledger = ledger;
		this.placement = placement;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "row-lock";
	}

	@Override
	public Reservation reserve(OrderDraft draft) {
		return ReservationStrategy.inOneTransaction(this.transactions,
				() -> draft.drop() != null ? fromDrop(draft) : fromStock(draft));
	}

	private Reservation fromDrop(OrderDraft draft) {
		Instant now = this.clock.instant();
		DropState drop = this.ledger.lockDrop(draft.drop().id()).orElseThrow();
		if (!drop.isOpenAt(now)) {
			return new Reservation.NotLive(now.isBefore(drop.startsAt()));
		}
		if (drop.remaining() < draft.quantity()) {
			return new Reservation.SoldOut(drop.id(), drop.sku());
		}
		if (!this.ledger.tryCountPurchase(drop.id(), draft.userId(), draft.quantity(), drop.perCustomerLimit())) {
			return new Reservation.LimitReached(drop.perCustomerLimit());
		}
		this.ledger.takeFromDrop(drop.id(), draft.quantity());
		return this.placement.place(draft);
	}

	private Reservation fromStock(OrderDraft draft) {
		// SKU order is the lock order, so two multi-line orders cannot deadlock.
		for (OrderLine line : draft.lines().stream().sorted(Comparator.comparing(OrderLine::sku)).toList()) {
			int available = this.ledger.lockAvailable(line.sku()).orElse(0);
			if (available < line.quantity()) {
				return new Reservation.SoldOut(null, line.sku());
			}
			this.ledger.reserve(line.sku(), line.quantity());
		}
		return this.placement.place(draft);
	}

}
