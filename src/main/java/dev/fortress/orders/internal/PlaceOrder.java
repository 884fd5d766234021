package dev.fortress.orders.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A checkout request: either {@code items} or {@code dropId} with {@code quantity}, and
 * the card token. Its canonical JSON is what the idempotency hash covers. The limits
 * below are the one source for the request's Bean Validation annotations and for the
 * checks checkout makes itself (it is called from more than the REST controller).
 */
public record PlaceOrder(@Nullable List<Item> items, @Nullable UUID dropId, @Nullable Integer quantity,
		String paymentToken) {

	/** Most lines one order (and one cart) holds. */
	public static final int MAX_LINES = 50;

	/** Most units of one SKU in one order line (or cart line). */
	public static final int MAX_QUANTITY = 100;

	public static final int MAX_SKU_LENGTH = 64;

	public static final int MAX_TOKEN_LENGTH = 100;

	/**
	 * Visible ASCII only: the token is stored with the order, and in the batched strategy
	 * one order that cannot be stored (a NUL byte) would roll back every buyer's order in
	 * its batch.
	 */
	public static final String TOKEN_PATTERN = "[\\x21-\\x7E]+";

	public record Item(String sku, int quantity) {
	}

}
