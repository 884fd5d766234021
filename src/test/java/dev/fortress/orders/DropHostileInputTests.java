package dev.fortress.orders;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile client input across the Drop endpoints, over real HTTP: every answer is a 4xx
 * problem, never a 500 and never a half-written row.
 */
class DropHostileInputTests extends IntegrationTest {

	private final List<String> failures = new ArrayList<>();

	@Test
	void noClientInputProducesA5xx() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn buyer = loggedIn("EDITOR");
		String sku = "HOST-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response product = this.http
			.post("/api/v1/products", Map.of("name", "Hostile", "brand", "B", "variants", List
				.of(Map.of("sku", sku, "size", "M", "price", Map.of("amount", 100, "currency", "USD"), "stock", 5))))
			.token(admin.accessToken())
			.send();
		assertThat(product.status()).isEqualTo(201);

		// catalog
		check("bad currency",
				this.http.post("/api/v1/products", productBody(sku + "x", 100, "usd", 1))
					.token(admin.accessToken())
					.send());
		check("unknown currency",
				this.http.post("/api/v1/products", productBody(sku + "y", 100, "ZZZ", 1))
					.token(admin.accessToken())
					.send());
		check("negative price",
				this.http.post("/api/v1/products", productBody(sku + "z", -1, "USD", 1))
					.token(admin.accessToken())
					.send());
		check("huge price",
				this.http.post("/api/v1/products", productBody(sku + "w", Long.MAX_VALUE, "USD", 1))
					.token(admin.accessToken())
					.send());
		check("bad sku",
				this.http.post("/api/v1/products", productBody("bad sku'; --", 1, "USD", 1))
					.token(admin.accessToken())
					.send());
		check("existing sku",
				this.http.post("/api/v1/products", productBody(sku, 1, "USD", 1)).token(admin.accessToken()).send());
		check("NUL in name",
				this.http
					.post("/api/v1/products",
							Map.of("name", "a\u0000b", "brand", "B", "variants",
									List.of(Map.of("sku", sku + "n", "size", "M", "price",
											Map.of("amount", 1, "currency", "USD"), "stock", 1))))
					.token(admin.accessToken())
					.send());
		check("NUL in brand filter", this.http.get("/api/v1/products?brand=" + enc("x\u0000")).send());
		for (String q : List.of("foo & | ! (", "'", ":*", "\\", "a:*B & !", "<->", "\"unclosed", "-", "!!!", "or",
				"a b c d e f g h", "日本語", "%", "a\u0000b")) {
			check("q=" + q, this.http.get("/api/v1/products?q=" + enc(q)).send());
		}
		for (String sort : List.of("bogus", "price_asc;drop", "relevance", "", "NAME")) {
			check("sort=" + sort, this.http.get("/api/v1/products?sort=" + enc(sort)).send());
		}
		for (String cursor : List.of("garbage", "AAAA", "!!", "eyJ9", "Zm9vfGJhcnxiYXo")) {
			check("cursor=" + cursor, this.http.get("/api/v1/products?cursor=" + enc(cursor)).send());
			check("cursor=" + cursor + "&sort=price_asc",
					this.http.get("/api/v1/products?sort=price_asc&cursor=" + enc(cursor)).send());
			check("cursor=" + cursor + "&q", this.http.get("/api/v1/products?q=air&cursor=" + enc(cursor)).send());
			check("orders cursor=" + cursor,
					this.http.get("/api/v1/orders?cursor=" + enc(cursor)).token(buyer.accessToken()).send());
		}
		check("minPrice>maxPrice", this.http.get("/api/v1/products?minPrice=10&maxPrice=1").send());
		check("minPrice huge", this.http.get("/api/v1/products?minPrice=99999999999999999999").send());
		check("limit=0", this.http.get("/api/v1/products?limit=0").send());
		check("limit=abc", this.http.get("/api/v1/products?limit=abc").send());
		check("product id", this.http.get("/api/v1/products/not-a-uuid").send());
		String productId = product.text("id");
		for (String ifMatch : List.of("garbage", "\"\"", "W/", "99999999999999999999999", "*", "-5")) {
			check("If-Match " + ifMatch,
					this.http.patch("/api/v1/products/" + productId, Map.of("name", "N"))
						.token(admin.accessToken())
						.header("If-Match", ifMatch)
						.send());
			check("stock If-Match " + ifMatch,
					this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 5))
						.token(admin.accessToken())
						.header("If-Match", ifMatch)
						.send());
		}

		// inventory and drops
		check("inventory unknown", this.http.get("/api/v1/inventory/" + enc("x y'z")).send());
		check("inventory long", this.http.get("/api/v1/inventory/" + "A".repeat(5000)).send());
		check("onHand negative",
				this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", -1)).token(admin.accessToken()).send());
		check("onHand huge",
				this.http.put("/api/v1/inventory/" + sku, "{\"onHand\": 99999999999}")
					.token(admin.accessToken())
					.send());
		check("drop far future", this.http
			.post("/api/v1/drops",
					Map.of("sku", sku, "quantity", 1, "startsAt", "+300000-01-01T00:00:00Z", "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send());
		check("drop max instant", this.http
			.post("/api/v1/drops",
					Map.of("sku", sku, "quantity", 1, "startsAt", "+1000000000-12-31T23:59:59Z", "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send());
		check("drop far past", this.http
			.post("/api/v1/drops",
					Map.of("sku", sku, "quantity", 1, "startsAt", "-300000-01-01T00:00:00Z", "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send());
		check("drop ends far",
				this.http
					.post("/api/v1/drops",
							Map.of("sku", sku, "quantity", 1, "startsAt", Instant.now().toString(), "endsAt",
									"+300000-01-01T00:00:00Z", "perCustomerLimit", 1))
					.token(admin.accessToken())
					.send());
		check("drop unknown sku", this.http
			.post("/api/v1/drops",
					Map.of("sku", "NOPE'x", "quantity", 1, "startsAt", Instant.now().toString(), "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send());
		check("drop long sku",
				this.http
					.post("/api/v1/drops", Map.of("sku", "A".repeat(5000), "quantity", 1, "startsAt",
							Instant.now().toString(), "perCustomerLimit", 1))
					.token(admin.accessToken())
					.send());
		check("drop id", this.http.get("/api/v1/drops/123").send());

		// cart
		check("cart unknown",
				this.http.put("/api/v1/cart/items/" + enc("NOPE x"), Map.of("quantity", 1))
					.token(buyer.accessToken())
					.send());
		check("cart long",
				this.http.put("/api/v1/cart/items/" + "A".repeat(5000), Map.of("quantity", 1))
					.token(buyer.accessToken())
					.send());
		check("cart zero",
				this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 0)).token(buyer.accessToken()).send());
		check("cart too many",
				this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 100)).token(buyer.accessToken()).send());
		check("cart delete unknown",
				this.http.delete("/api/v1/cart/items/" + "A".repeat(3000)).token(buyer.accessToken()).send());

		// orders
		Map<String, Object> good = Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment",
				Map.of("token", "tok_visa"));
		for (String key : List.of("", " ", "k".repeat(256), "a b", "{}<>\"\\", "k".repeat(5000))) {
			check("key " + key.length(),
					this.http.post("/api/v1/orders", good)
						.token(buyer.accessToken())
						.header("Idempotency-Key", key)
						.send());
		}
		check("null item quantity", order(buyer,
				"{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":null}],\"payment\":{\"token\":\"tok_visa\"}}"));
		check("null item", order(buyer, "{\"items\":[null],\"payment\":{\"token\":\"tok_visa\"}}"));
		check("empty items", order(buyer, "{\"items\":[],\"payment\":{\"token\":\"tok_visa\"}}"));
		check("negative quantity", order(buyer,
				"{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":-1}],\"payment\":{\"token\":\"tok_visa\"}}"));
		check("huge quantity", order(buyer, "{\"items\":[{\"sku\":\"" + sku
				+ "\",\"quantity\":99999999999}],\"payment\":{\"token\":\"tok_visa\"}}"));
		check("drop id bad", order(buyer, "{\"dropId\":\"nope\",\"payment\":{\"token\":\"tok_visa\"}}"));
		check("drop unknown",
				order(buyer, "{\"dropId\":\"" + UUID.randomUUID() + "\",\"payment\":{\"token\":\"tok_visa\"}}"));
		check("no payment", order(buyer, "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}"));
		check("weird token", order(buyer,
				"{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"payment\":{\"token\":\"tok_' or 1=1 --\"}}"));
		check("long token", order(buyer, "{\"items\":[{\"sku\":\"" + sku
				+ "\",\"quantity\":1}],\"payment\":{\"token\":\"" + "t".repeat(1000) + "\"}}"));
		check("array body", order(buyer, "[]"));
		check("order id", this.http.get("/api/v1/orders/xyz").token(buyer.accessToken()).send());
		check("cancel id", this.http.post("/api/v1/orders/xyz/cancel", "{}").token(buyer.accessToken()).send());
		check("cancel unknown",
				this.http.post("/api/v1/orders/" + UUID.randomUUID() + "/cancel", "{}")
					.token(buyer.accessToken())
					.send());
		check("orders limit", this.http.get("/api/v1/orders?limit=100000").token(buyer.accessToken()).send());

		assertThat(this.failures).isEmpty();
		assertThat(this.http.get("/api/v1/products?q=" + enc(sku + "n")).send().json().path("items").size()).isZero();
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("reserved").asInt()).isZero();
	}

	@Test
	void aPaymentTokenThatCannotBeStoredIsRejectedBeforeItCanSpoilAReservationBatch() {
		LoggedIn buyer = loggedIn("EDITOR");
		Http.Response response = this.http
			.post("/api/v1/orders",
					"{\"items\":[{\"sku\":\"ANY\",\"quantity\":1}],\"payment\":{\"token\":\"tok\\u0000\"}}")
			.token(buyer.accessToken())
			.header("Idempotency-Key", "nul-token")
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.text("type")).endsWith("/validation-error");
	}

	@Test
	void ordersAreTheirOwnersAndOnlyAdminsChangeTheCatalog() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn stranger = loggedIn("EDITOR");
		LoggedIn viewer = loggedIn("VIEWER");
		String sku = "OWN-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response product = this.http.post("/api/v1/products", productBody(sku, 100, "USD", 3))
			.token(admin.accessToken())
			.send();
		Http.Response order = this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment", Map.of("token", "tok_visa")))
			.token(owner.accessToken())
			.header("Idempotency-Key", "own")
			.send();
		assertThat(order.status()).as(order.toString()).isEqualTo(201);
		String orderId = order.text("id");

		assertThat(this.http.post("/api/v1/orders/" + orderId + "/cancel", "{}")
			.token(stranger.accessToken())
			.send()
			.status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/orders?limit=100").token(stranger.accessToken()).send().body())
			.doesNotContain(orderId);
		assertThat(this.http.get("/api/v1/orders/" + orderId).token(owner.accessToken()).send().text("status"))
			.isEqualTo("PAID");
		assertThat(this.http.get("/api/v1/orders?limit=100").token(admin.accessToken()).send().body())
			.contains(orderId);
		assertThat(this.http.post("/api/v1/orders/" + orderId + "/cancel", "{}")
			.token(viewer.accessToken())
			.send()
			.status()).isEqualTo(403);
		assertThat(this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 1))
			.token(viewer.accessToken())
			.send()
			.status()).isEqualTo(403);
		assertThat(this.http.patch("/api/v1/products/" + product.text("id"), Map.of("name", "Mine"))
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(403);
		assertThat(
				this.http
					.post("/api/v1/drops",
							Map.of("sku", sku, "quantity", 1, "startsAt", Instant.now().toString(), "perCustomerLimit",
									1))
					.token(owner.accessToken())
					.send()
					.status())
			.isEqualTo(403);
		assertThat(this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 50))
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(403);
		Http.Response cancelledByAdmin = this.http.post("/api/v1/orders/" + orderId + "/cancel", "{}")
			.token(admin.accessToken())
			.send();
		assertThat(cancelledByAdmin.text("status")).isEqualTo("CANCELLED");
	}

	/**
	 * A checkout body is small (at most {@code PlaceOrder.MAX_LINES} lines of short
	 * fields): one far beyond that is refused {@code 413} by its length, before Jackson
	 * builds thousands of lines only to find the end missing, and while it is read when
	 * it is chunked. A caller without the role is still told {@code 403} first.
	 */
	@Test
	void aCheckoutBodyFarBeyondAnyValidOneIsRefusedByItsLength() throws Exception {
		LoggedIn buyer = loggedIn("EDITOR");
		StringBuilder truncated = new StringBuilder("{\"items\":[");
		for (int i = 0; i < 5000; i++) {
			truncated.append("{\"sku\":\"SKU-").append(i).append("\",\"quantity\":1},");
		}
		String body = truncated.toString();
		assertThat(body.length()).isGreaterThan(100_000);

		Http.Response declared = order(buyer, body);
		assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
		assertThat(declared.text("type")).endsWith("/payload-too-large");

		HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/orders"))
			.header("Authorization", "Bearer " + buyer.accessToken())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
			.build();
		HttpResponse<String> streamed = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
		assertThat(streamed.statusCode()).isEqualTo(413);
		assertThat(streamed.body()).contains("payload-too-large");

		// Within the limit, whitespace and all, the body is read as usual: an unknown
		// drop.
		String padded = "{\"dropId\":\"" + UUID.randomUUID() + "\",\"quantity\":1," + " ".repeat(60_000)
				+ "\"payment\":{\"token\":\"tok_visa\"}}";
		Http.Response fits = order(buyer, padded);
		assertThat(fits.status()).as(fits.toString()).isEqualTo(404);

		Http.Response viewer = order(loggedIn("VIEWER"), body);
		assertThat(viewer.status()).as(viewer.toString()).isEqualTo(403);
	}

	private Http.Response order(LoggedIn buyer, String body) {
		return this.http.post("/api/v1/orders", body)
			.token(buyer.accessToken())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.send();
	}

	private void check(String what, Http.Response response) {
		if (response.status() >= 500
				|| !response.body().isEmpty() && !response.body().startsWith("{") && !response.body().startsWith("[")) {
			this.failures.add(what + " → " + response.status() + " " + response.body());
		}
	}

	private static Map<String, Object> productBody(String sku, long amount, String currency, int stock) {
		return Map.of("name", "P", "brand", "B", "variants", List.of(Map.of("sku", sku, "size", "M", "price",
				Map.of("amount", amount, "currency", currency), "stock", stock)));
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
