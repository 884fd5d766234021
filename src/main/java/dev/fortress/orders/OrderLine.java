package dev.fortress.orders;

import dev.fortress.platform.Money;

/** One line of an order: units of a SKU at the unit price charged. */
public record OrderLine(String sku, int quantity, Money unitPrice) {

	public Money subtotal() {
		return this.unitPrice.times(this.quantity);
	}

}
