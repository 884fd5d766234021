package dev.fortress.inventory;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads of stock and drops, and stock creation for new SKUs. */
public interface InventoryApi {

	/**
	 * Creates the stock row of a new SKU. Joins the caller's transaction, so a product
	 * and its stock appear together.
	 */
	void createStock(String sku, int onHand);

	/** Stock of the given SKUs; unknown SKUs are absent from the map. */
	Map<String, StockLevel> levels(Collection<String> skus);

	/**
	 * A number that changes after every committed stock write made by this instance (not
	 * by others): a cache of available units keys its entries with it to drop them the
	 * moment stock moves here.
	 */
	long stockGeneration();

	/** The drop, if it exists. */
	Optional<DropState> findDrop(UUID dropId);

	/**
	 * The drop for a public read, from a short-lived cache that a sale in this instance
	 * makes stale at once: what the REST and gRPC drop reads and watches show.
	 * @throws dev.fortress.platform.web.ApiException {@code not-found} for an unknown id
	 */
	DropState publicDrop(UUID dropId);

}
