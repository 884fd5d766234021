package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;

import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.StockLedger;
import dev.fortress.orders.OrderLine;

/**
 * One conditional {@code UPDATE … WHERE available >= :q} per row instead of a locking
 * read, check and write: one round trip less while the hot row is locked. Zero rows
 * updated means sold out (or the drop is not live) and the transaction rolls back. Also
 * the batched strategy's path for multi-line orders.
 */
class ConditionalReservation implements ReservationStrategy {

	private final StockLedger ledger;

	private final OrderPlacement placement;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ConditionalReservation(StockLedger ledger, OrderPlacement placement, TransactionTemplate transactions,
			Clock clock) {
		this.ledger = ledger;
		this.placement = placement;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "conditional";
	}

	@Override
	public Reservation reserve(OrderDraft draft) {
		return ReservationStrategy.inOneTransaction(this.transactions,
				() -> draft.drop() != null ? fromDrop(draft, draft.drop()) : fromStock(draft));
	}

	private Reservation fromDrop(OrderDraft draft, DropState drop) {
		Instant now = this.clock.instant();
		if (!this.ledger.tryTakeFromDrop(drop.id(), draft.quantity(), now)) {
			return drop.isOpenAt(now) ? new Reservation.SoldOut(drop.id(), drop.sku())
					: new Reservation.NotLive(now.isBefore(drop.startsAt()));
		}
		if (!this.ledger.tryCountPurchase(drop.id(), draft.userId(), draft.quantity(), drop.perCustomerLimit())) {
			return new Reservation.LimitReached(drop.perCustomerLimit());
		}
		return this.placement.place(draft);
	}

	private Reservation fromStock(OrderDraft draft) {
		for (OrderLine line : draft.lines().stream().sorted(Comparator.comparing(OrderLine::sku)).toList()) {
			if (!this.ledger.tryReserve(line.sku(), line.quantity())) {
				return new Reservation.SoldOut(null, line.sku());
			}
		}
		return this.placement.place(draft);
	}

}
