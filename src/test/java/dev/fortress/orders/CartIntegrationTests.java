package dev.fortress.orders;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class CartIntegrationTests extends IntegrationTest {

	@Test
	void aCartWithTwoCurrenciesHasNoTotalRatherThanAWrongOne() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn shopper = loggedIn("EDITOR");
		for (String currency : List.of("USD", "EUR")) {
			String sku = "FX-" + currency + "-" + UUID.randomUUID().toString().substring(0, 8);
			assertThat(this.http
				.post("/api/v1/products",
						Map.of("name", "FX shoe", "brand", "Fortress", "variants",
								List.of(Map.of("sku", sku, "size", "40", "price",
										Map.of("amount", 1000, "currency", currency), "stock", 3))))
				.token(admin.accessToken())
				.send()
				.status()).isEqualTo(201);
			assertThat(this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 1))
				.token(shopper.accessToken())
				.send()
				.status()).isEqualTo(200);
		}
		Http.Response cart = this.http.get("/api/v1/cart").token(shopper.accessToken()).send();
		assertThat(cart.json().path("items").size()).isEqualTo(2);
		assertThat(cart.json().path("total").isNull() || cart.json().path("total").isMissingNode()).as(cart.toString())
			.isTrue();
	}

	@Test
	void aCartHoldsQuantitiesCheckedAgainstStockAndEmptiesWhenPaid() {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "CART-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.http
			.post("/api/v1/products",
					Map.of("name", "Cart shoe", "brand", "Fortress", "variants", List.of(Map.of("sku", sku, "size",
							"40", "price", Map.of("amount", 2500, "currency", "USD"), "stock", 3))))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(201);
		LoggedIn shopper = loggedIn("EDITOR");
		String requestId = "cart-" + UUID.randomUUID();

		Http.Response put = this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 2))
			.token(shopper.accessToken())
			.send();
		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		assertThat(put.json().path("items").get(0).path("subtotal").path("amount").asLong()).isEqualTo(5000);
		assertThat(put.json().path("total").path("amount").asLong()).isEqualTo(5000);

		Http.Response tooMany = this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 4))
			.token(shopper.accessToken())
			.send();
		assertThat(tooMany.status()).isEqualTo(409);
		assertThat(this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 0))
			.token(shopper.accessToken())
			.send()
			.status()).isEqualTo(400);
		assertThat(this.http.put("/api/v1/cart/items/NOPE-" + UUID.randomUUID(), Map.of("quantity", 1))
			.token(shopper.accessToken())
			.send()
			.status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/cart").send().status()).isEqualTo(401);

		Http.Response order = this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", sku, "quantity", 2)), "payment", Map.of("token", "tok_visa")))
			.token(shopper.accessToken())
			.header("Idempotency-Key", "cart-checkout")
			.header("X-Request-Id", requestId)
			.send();
		assertThat(order.status()).as(order.toString()).isEqualTo(201);
		// The events this request caused name it.
		assertThat(this.jdbc.sql("""
				select count(distinct event_type) from event_publication
				where serialized_event like :requestId and serialized_event like :orderId
				""")
			.param("requestId", "%" + requestId + "%")
			.param("orderId", "%" + order.text("id") + "%")
			.query(Integer.class)
			.single()).isEqualTo(2);
		Http.Response cart = this.http.get("/api/v1/cart").token(shopper.accessToken()).send();
		assertThat(cart.json().path("items")).isEmpty();

		assertThat(this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 1))
			.token(shopper.accessToken())
			.send()
			.status()).isEqualTo(200);
		assertThat(this.http.delete("/api/v1/cart/items/" + sku).token(shopper.accessToken()).send().status())
			.isEqualTo(200);
		assertThat(this.http.delete("/api/v1/cart/items/" + sku).token(shopper.accessToken()).send().status())
			.isEqualTo(404);

		Http.Response list = this.http.get("/api/v1/orders?limit=1").token(shopper.accessToken()).send();
		assertThat(list.json().path("items").get(0).path("id").asString()).isEqualTo(order.text("id"));
	}

}
