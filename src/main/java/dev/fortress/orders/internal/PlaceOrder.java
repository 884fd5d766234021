package dev.fortress.orders.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A checkout request: either {@code items} or {@code dropId} with {@code quantity}, and
 * the card token. Its canonical JSON is what the idempotency hash covers.
 */
public record PlaceOrder(@Nullable List<Item> items, @Nullable UUID dropId, @Nullable Integer quantity,
		String paymentToken) {

	public record Item(String sku, int quantity) {
	}

}
