package dev.fortress.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Test shopping over HTTP: a product with stock (made by an admin) and a paid order. */
public final class Shop {

	private final Http http;

	private final String adminToken;

	public Shop(Http http, String adminToken) {
		this.http = http;
		this.adminToken = adminToken;
	}

	/**
	 * A new product with one variant of this stock, priced 70.00 EUR; returns its SKU.
	 */
	public String product(int stock) {
		String sku = "SHOP-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response created = this.http
			.post("/api/v1/products",
					Map.of("name", "Test shoe", "brand", "Fortress", "variants", List.of(Map.of("sku", sku, "size",
							"42", "price", Map.of("amount", 7000, "currency", "EUR"), "stock", stock))))
			.token(this.adminToken)
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return sku;
	}

	/**
	 * Buys {@code quantity} of the SKU with a card that is approved; asserts it was paid.
	 */
	public Http.Response paidOrder(String sku, int quantity, String buyerToken) {
		Http.Response paid = checkout(sku, quantity, buyerToken, "tok_visa");
		assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("PAID");
		return paid;
	}

	public Http.Response checkout(String sku, int quantity, String buyerToken, String paymentToken) {
		return this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", sku, "quantity", quantity)), "payment",
							Map.of("token", paymentToken)))
			.token(buyerToken)
			.header("Idempotency-Key", "shop-" + UUID.randomUUID())
			.send();
	}

}
