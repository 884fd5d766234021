package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;

import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.StockLedger;
import dev.fortress.orders.OrderLine;
import dev.fortress.platform.web.ApiException;

/**
 * The seed's design and our baseline: per request, {@code SELECT … FOR UPDATE} the drop
 * and stock rows, check, update, insert the order, commit. Correct and simple; every
 * buyer of a hot SKU waits for the row lock in turn, one commit each.
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
	public void reserve(OrderDraft draft) {
		this.transactions.executeWithoutResult(status -> {
			Instant now = this.clock.instant();
			if (draft.drop() != null) {
				DropState drop = this.ledger.lockDrop(draft.drop().id())
					.orElseThrow(() -> ApiException.notFound("Drop"));
				if (!drop.isOpenAt(now)) {
					throw OrderPlacement.notLive(drop, now);
				}
				if (drop.remaining() < draft.quantity()) {
					throw OrderPlacement.soldOut("The drop");
				}
				if (!this.ledger.tryCountPurchase(drop.id(), draft.userId(), draft.quantity(),
						drop.perCustomerLimit())) {
					throw OrderPlacement.limitReached(drop);
				}
				this.ledger.takeFromDrop(drop.id(), draft.quantity());
			}
			else {
				// SKU order is the lock order, so two multi-line orders cannot deadlock.
				for (OrderLine line : draft.lines().stream().sorted(Comparator.comparing(OrderLine::sku)).toList()) {
					int available = this.ledger.lockAvailable(line.sku()).orElse(0);
					if (available < line.quantity()) {
						throw OrderPlacement.soldOut(line.sku());
					}
					this.ledger.reserve(line.sku(), line.quantity());
				}
			}
			this.placement.place(draft);
		});
	}

}
