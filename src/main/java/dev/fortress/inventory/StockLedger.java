package dev.fortress.inventory;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The stock-changing primitives a checkout is built from. Every method <em>must</em> run
 * inside the caller's transaction (it fails otherwise), because the caller commits the
 * stock change together with its order, idempotency record and events: the reservation
 * strategy lives where that transaction lives (the orders module), and inventory keeps
 * the SQL of its own tables. Lock order is always drop, then customer purchases, then
 * stock.
 * <p>
 * A drop's units were set aside from its SKU's stock when the drop was created (they
 * count as reserved), so an order from a drop takes units from the drop only, and a plain
 * order takes from the SKU's available stock only: neither can reach the other's units.
 */
public interface StockLedger {

	/** Locks the drop row ({@code SELECT … FOR UPDATE}) and returns it. */
	Optional<DropState> lockDrop(UUID dropId);

	/** Locks the SKU's stock row and returns its available units; empty if unknown. */
	OptionalInt lockAvailable(String sku);

	/**
	 * Takes {@code quantity} of the drop's units without checking: the caller holds the
	 * drop's lock and has checked what is left. The table constraints are the last line
	 * of defence.
	 */
	void takeFromDrop(UUID dropId, int quantity);

	/**
	 * Reserves {@code quantity} of the SKU's available units without checking: the caller
	 * holds the stock row's lock and has checked.
	 */
	void reserve(String sku, int quantity);

	/**
	 * One conditional update: takes {@code quantity} from the drop if it is open at
	 * {@code now} and has that many left. Locks the drop row until commit.
	 */
	boolean tryTakeFromDrop(UUID dropId, int quantity, Instant now);

	/**
	 * One conditional update: reserves {@code quantity} units if that many are available.
	 */
	boolean tryReserve(String sku, int quantity);

	/**
	 * Counts {@code quantity} more units towards the customer's purchases from the drop,
	 * unless that would exceed {@code limit}; an atomic conditional upsert.
	 */
	boolean tryCountPurchase(UUID dropId, UUID userId, int quantity, int limit);

	/** One customer's purchase of {@code quantity} units, to count against a limit. */
	record Purchase(UUID userId, int quantity) {
	}

	/**
	 * {@link #tryCountPurchase} for several purchases from one drop, in their order, in
	 * one round trip (a later purchase of the same customer sees the earlier ones);
	 * whether each was counted.
	 */
	boolean[] tryCountPurchases(UUID dropId, List<Purchase> purchases, int limit);

	/**
	 * Gives back a reservation that will not be paid (decline, failure, unpaid cancel):
	 * into the drop it came from (and the customer's limit), or onto the shelf when there
	 * is none or it has been closed.
	 */
	void release(@Nullable UUID dropId, UUID userId, String sku, int quantity);

	/**
	 * A reservation was paid: the units leave the shelf ({@code onHand} and
	 * {@code reserved}).
	 */
	void commitSale(String sku, int quantity);

	/**
	 * A paid order was cancelled: its units come back on hand, set aside for the drop
	 * again while it has not been closed.
	 */
	void restock(@Nullable UUID dropId, UUID userId, String sku, int quantity);

}
