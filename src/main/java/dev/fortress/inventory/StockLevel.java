package dev.fortress.inventory;

/** Stock of one SKU; {@code available = onHand - reserved}. */
public record StockLevel(String sku, int onHand, int reserved) {

	public int available() {
		return this.onHand - this.reserved;
	}

}
