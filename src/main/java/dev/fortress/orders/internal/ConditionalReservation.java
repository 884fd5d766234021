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
 * updated means sold out (or the drop is not live) and the transaction rolls back.
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
	public void reserve(OrderDraft draft) {
		this.transactions.executeWithoutResult(status -> reserveInTransaction(draft));
	}

	/**
	 * Also the batched strategy's path for multi-line orders, inside its own transaction.
	 */
	void reserveInTransaction(OrderDraft draft) {
		Instant now = this.clock.instant();
		DropState drop = draft.drop();
		if (drop != null) {
			if (!this.ledger.tryTakeFromDrop(drop.id(), draft.quantity(), now)) {
				throw drop.isOpenAt(now) ? OrderPlacement.soldOut("The drop") : OrderPlacement.notLive(drop, now);
			}
			if (!this.ledger.tryCountPurchase(drop.id(), draft.userId(), draft.quantity(), drop.perCustomerLimit())) {
				throw OrderPlacement.limitReached(drop);
			}
		}
		else {
			for (OrderLine line : draft.lines().stream().sorted(Comparator.comparing(OrderLine::sku)).toList()) {
				if (!this.ledger.tryReserve(line.sku(), line.quantity())) {
					throw OrderPlacement.soldOut(line.sku());
				}
			}
		}
		this.placement.place(draft);
	}

}
