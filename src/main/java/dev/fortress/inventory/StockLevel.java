package dev.fortress.inventory;

/**
 * Stock of one SKU; {@code available = onHand - reserved}. {@code version} changes with
 * every change of the row (it is the ETag).
 */
public record StockLevel(String sku, int onHand, int reserved, long version) {

	public int available() {
		return this.onHand - this.reserved;
	}

}
