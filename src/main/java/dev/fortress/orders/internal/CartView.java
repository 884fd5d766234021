package dev.fortress.orders.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.Money;

/**
 * A cart with current prices and availability; {@code total} is null for an empty cart
 * and for one holding items priced in different currencies.
 */
public record CartView(List<Item> items, @Nullable Money total) {

	public record Item(String sku, String name, String size, int quantity, Money unitPrice, Money subtotal,
			int available) {
	}

}
