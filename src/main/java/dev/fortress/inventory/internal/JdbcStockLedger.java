package dev.fortress.inventory.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.inventory.DropSoldOut;
import dev.fortress.inventory.DropState;
import dev.fortress.inventory.DropUnitsReturned;
import dev.fortress.inventory.StockLedger;
import dev.fortress.platform.events.EventMetadata;

/**
 * SQL behind {@link StockLedger}. {@code MANDATORY} propagation turns a call outside the
 * caller's transaction into an error instead of a silent auto-commit. The take that
 * leaves a drop with nothing publishes {@link DropSoldOut} in that transaction: one
 * publication per sell-out, read from the take's own {@code returning}, no extra
 * statement for the orders that do not empty it.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class JdbcStockLedger implements StockLedger {

	private final Stocks stocks;

	private final Drops drops;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	JdbcStockLedger(Stocks stocks, Drops drops, ApplicationEventPublisher events, Clock clock) {
		this.stocks = stocks;
		this.drops = drops;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public Optional<DropState> lockDrop(UUID dropId) {
		return this.drops.lock(dropId);
	}

	@Override
	public OptionalInt lockAvailable(String sku) {
		return this.stocks.lockAvailable(sku);
	}

	@Override
	public void takeFromDrop(UUID dropId, int quantity) {
		this.drops.take(dropId, quantity).ifPresent(this::publishIfSoldOut);
	}

	@Override
	public void reserve(String sku, int quantity) {
		this.stocks.addReserved(sku, quantity);
	}

	@Override
	public boolean tryTakeFromDrop(UUID dropId, int quantity, Instant now) {
		Optional<DropState> taken = this.drops.tryTake(dropId, quantity, now);
		taken.ifPresent(this::publishIfSoldOut);
		return taken.isPresent();
	}

	private void publishIfSoldOut(DropState drop) {
		if (drop.remaining() == 0) {
			this.events.publishEvent(new DropSoldOut(drop.id(), drop.sku(), drop.quantity(), drop.startsAt(),
					EventMetadata.now(this.clock)));
		}
	}

	@Override
	public boolean tryReserve(String sku, int quantity) {
		return this.stocks.tryReserve(sku, quantity);
	}

	@Override
	public boolean[] tryCountPurchases(UUID dropId, List<Purchase> purchases, int limit) {
		return this.drops.tryCountPurchases(dropId, purchases, limit);
	}

	@Override
	public boolean tryCountPurchase(UUID dropId, UUID userId, int quantity, int limit) {
		return this.drops.tryCountPurchase(dropId, userId, quantity, limit);
	}

	@Override
	public void release(@Nullable UUID dropId, UUID userId, String sku, int quantity) {
		if (!giveBackToDrop(dropId, userId, sku, quantity)) {
			this.stocks.addOnHandAndReserved(sku, 0, -quantity);
		}
	}

	@Override
	public void commitSale(String sku, int quantity) {
		this.stocks.addOnHandAndReserved(sku, -quantity, -quantity);
	}

	@Override
	public void restock(@Nullable UUID dropId, UUID userId, String sku, int quantity) {
		boolean setAsideAgain = giveBackToDrop(dropId, userId, sku, quantity);
		this.stocks.addOnHandAndReserved(sku, quantity, setAsideAgain ? quantity : 0);
	}

	/**
	 * Whether the units went back into the drop (which keeps them set aside in the SKU's
	 * reserved units); false without a drop or once it was closed. Units given back are
	 * news to whoever shows what the drop has left ({@link DropUnitsReturned}).
	 */
	private boolean giveBackToDrop(@Nullable UUID dropId, UUID userId, String sku, int quantity) {
		if (dropId == null) {
			return false;
		}
		boolean given = this.drops.giveBack(dropId, quantity);
		this.drops.uncountPurchase(dropId, userId, quantity);
		if (given) {
			this.events.publishEvent(new DropUnitsReturned(dropId, sku, quantity, EventMetadata.now(this.clock)));
		}
		return given;
	}

}
