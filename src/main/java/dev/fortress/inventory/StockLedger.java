package dev.fortress.inventory;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The stock-changing primitives a checkout is built from. Every method <em>must</em> run
 * inside the caller's transaction (it fails otherwise), because the caller commits the
 * stock change together with its order, idempotency record and events: the reservation
 * strategy lives where that transaction lives (the orders module), and inventory keeps
 * the SQL of its own tables. Lock order is always drop, then customer purchases, then
 * stock.
 */
public interface StockLedger {

	/** Locks the drop row ({@code SELECT … FOR UPDATE}) and returns it. */
	Optional<DropState> lockDrop(UUID dropId);

	/** Locks the SKU's stock row and returns its available units; empty if unknown. */
	OptionalInt lockAvailable(String sku);

	/**
	 * Takes {@code quantity} units without checking: the caller holds the locks and has
	 * checked. The table constraints are the last line of defence.
	 */
	void take(@Nullable UUID dropId, String sku, int quantity);

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

	/**
	 * Gives back a reservation that will not be paid (decline, failure, unpaid cancel).
	 */
	void release(@Nullable UUID dropId, UUID userId, String sku, int quantity);

	/**
	 * A reservation was paid: the units leave the shelf ({@code onHand} and
	 * {@code reserved}).
	 */
	void commitSale(String sku, int quantity);

	/** A paid order was cancelled: its units go back on the shelf (and into the drop). */
	void restock(@Nullable UUID dropId, UUID userId, String sku, int quantity);

}
