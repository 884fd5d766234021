package dev.fortress.orders;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.GraphQl;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drop over GraphQL, against REST for the same data: products with their stock, a drop,
 * checkout with an idempotency key, the caller's orders and cancellation; and the same
 * refusals.
 */
class OrderGraphQlIntegrationTests extends IntegrationTest {

	private static final String PLACE = """
			mutation($key: String!, $input: PlaceOrderInput!) {
			  placeOrder(idempotencyKey: $key, input: $input) {
			    id status version total { amount currency }
			    items { nodes { sku quantity unitPrice { amount currency } subtotal { amount } } }
			  }
			}
			""";

	private GraphQl graphQl() {
		return new GraphQl(this.http);
	}

	@Test
	void aProductAndItsStockReadAsOnRest() {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = new Shop(this.http, admin.accessToken()).product(7);
		Http.Response rest = this.http.get("/api/v1/inventory/" + sku).send();
		String productId = this.jdbc.sql("select product_id from product_variants where sku = :sku")
			.param("sku", sku)
			.query(UUID.class)
			.single()
			.toString();

		JsonNode product = graphQl().send(null, """
				query($id: ID!) { product(id: $id) { name brand fromPrice { amount currency }
				  variants { nodes { sku size price { amount currency } stock { onHand reserved available } } } } }
				""", Map.of("id", productId)).ok().path("product");
		JsonNode restProduct = this.http.get("/api/v1/products/" + productId).send().json();
		assertThat(product.path("name").asString()).isEqualTo(restProduct.path("name").asString());
		assertThat(product.path("fromPrice").toString()).isEqualTo(restProduct.path("fromPrice").toString());
		JsonNode variant = product.path("variants").path("nodes").get(0);
		assertThat(variant.path("sku").asString()).isEqualTo(sku);
		assertThat(variant.path("price").toString())
			.isEqualTo(restProduct.path("variants").get(0).path("price").toString());
		assertThat(variant.path("stock").path("available").asInt()).isEqualTo(rest.json().path("available").asInt())
			.isEqualTo(7);
		assertThat(variant.path("stock").path("onHand").asInt()).isEqualTo(rest.json().path("onHand").asInt());
	}

	@Test
	void placeOrderAgreesWithRestAndReplaysItsKey() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn buyer = loggedIn("EDITOR");
		String sku = new Shop(this.http, admin.accessToken()).product(5);
		String key = "gql-" + UUID.randomUUID();
		Map<String, Object> input = Map.of("items", List.of(Map.of("sku", sku, "quantity", 2)), "paymentToken",
				"tok_visa");

		JsonNode placed = graphQl().send(buyer.accessToken(), PLACE, Map.of("key", key, "input", input))
			.ok()
			.path("placeOrder");
		assertThat(placed.path("status").asString()).isEqualTo("PAID");
		JsonNode rest = this.http.get("/api/v1/orders/" + placed.path("id").asString())
			.token(buyer.accessToken())
			.send()
			.json();
		assertThat(placed.path("total").toString()).isEqualTo(rest.path("total").toString());
		assertThat(placed.path("version").asLong()).isEqualTo(rest.path("version").asLong());
		JsonNode item = placed.path("items").path("nodes").get(0);
		assertThat(item.path("sku").asString()).isEqualTo(rest.path("items").get(0).path("sku").asString());
		assertThat(item.path("quantity").asInt()).isEqualTo(2);
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("available").asInt()).isEqualTo(3);

		// the same key and input: the same order, nothing bought twice
		JsonNode replay = graphQl().send(buyer.accessToken(), PLACE, Map.of("key", key, "input", input))
			.ok()
			.path("placeOrder");
		assertThat(replay.path("id").asString()).isEqualTo(placed.path("id").asString());
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("available").asInt()).isEqualTo(3);
		// the same key with another input
		graphQl()
			.send(buyer.accessToken(), PLACE,
					Map.of("key", key, "input",
							Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "paymentToken", "tok_visa")))
			.singleError("idempotency-key-reused");

		JsonNode mine = graphQl().send(buyer.accessToken(), "{ orders { nodes { id status } } }", Map.of())
			.ok()
			.path("orders")
			.path("nodes");
		JsonNode restMine = this.http.get("/api/v1/orders").token(buyer.accessToken()).send().json().path("items");
		assertThat(mine.size()).isEqualTo(restMine.size()).isEqualTo(1);
		assertThat(mine.get(0).path("id").asString()).isEqualTo(restMine.get(0).path("id").asString());

		JsonNode cancelled = graphQl()
			.send(buyer.accessToken(), "mutation($id: ID!) { cancelOrder(id: $id) { status } }",
					Map.of("id", placed.path("id").asString()))
			.ok()
			.path("cancelOrder");
		assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("available").asInt()).isEqualTo(5);
	}

	@Test
	void checkoutRefusalsAreTheRestOnesAndBuyNothing() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn buyer = loggedIn("EDITOR");
		LoggedIn viewer = loggedIn("VIEWER");
		LoggedIn other = loggedIn("EDITOR");
		String sku = new Shop(this.http, admin.accessToken()).product(1);
		Map<String, Object> tooMany = Map.of("items", List.of(Map.of("sku", sku, "quantity", 2)), "paymentToken",
				"tok_visa");

		graphQl().send(buyer.accessToken(), PLACE, Map.of("key", "k-" + UUID.randomUUID(), "input", tooMany))
			.singleError("sold-out");
		graphQl()
			.send(viewer.accessToken(), PLACE, Map.of("key", "k-" + UUID.randomUUID(), "input",
					Map.of("dropId", "not-a-uuid", "paymentToken", "tok_visa")))
			.singleError("forbidden");
		JsonNode invalid = graphQl()
			.send(buyer.accessToken(), PLACE,
					Map.of("key", "k-" + UUID.randomUUID(), "input",
							Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "dropId",
									UUID.randomUUID().toString(), "paymentToken", "tok_visa")))
			.singleError("validation-error");
		assertThat(invalid.path("extensions").path("errors").get(0).path("field").asString()).isNotBlank();
		graphQl()
			.send(buyer.accessToken(), PLACE,
					Map.of("key", "bad key", "input",
							Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "paymentToken", "tok_visa")))
			.singleError("validation-error");
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("available").asInt()).isEqualTo(1);

		Http.Response paid = new Shop(this.http, admin.accessToken()).paidOrder(sku, 1, buyer.accessToken());
		graphQl().send(other.accessToken(), "query($id: ID!) { order(id: $id) { id } }", Map.of("id", paid.text("id")))
			.singleError("not-found");
		graphQl()
			.send(other.accessToken(), "mutation($id: ID!) { cancelOrder(id: $id) { status } }",
					Map.of("id", paid.text("id")))
			.singleError("not-found");
		assertThat(this.http.get("/api/v1/orders/" + paid.text("id")).token(buyer.accessToken()).send().text("status"))
			.isEqualTo("PAID");
	}

	@Test
	void aDropReadsAsOnRest() {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = new Shop(this.http, admin.accessToken()).product(10);
		Http.Response created = this.http
			.post("/api/v1/drops",
					Map.of("sku", sku, "quantity", 4, "startsAt", "2020-01-01T00:00:00Z", "perCustomerLimit", 2))
			.token(admin.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.text("id");
		JsonNode drop = graphQl().send(null, """
				query($id: ID!) { drop(id: $id) { id sku status quantity available startsAt endsAt perCustomerLimit } }
				""", Map.of("id", id)).ok().path("drop");
		JsonNode rest = this.http.get("/api/v1/drops/" + id).send().json();
		for (String field : List.of("id", "sku", "status", "quantity", "available", "perCustomerLimit")) {
			assertThat(drop.path(field).asString()).as(field).isEqualTo(rest.path(field).asString());
		}
		assertThat(drop.path("status").asString()).isEqualTo("LIVE");
		graphQl().send(null, "query($id: ID!) { drop(id: $id) { id } }", Map.of("id", UUID.randomUUID().toString()))
			.singleError("not-found");
	}

}
