package dev.fortress.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.inventory.internal.InventoryService;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InventoryIntegrationTests extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	InventoryService inventory;

	@Test
	void aDropSetsItsUnitsAsideAndItsUnsoldUnitsGoBackOnTheShelfWhenItEnds() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn buyer = loggedIn("EDITOR");
		String sku = "ASIDE-" + UUID.randomUUID().toString().substring(0, 8);
		this.http
			.post("/api/v1/products",
					Map.of("name", "Aside shoe", "brand", "Fortress", "variants", List.of(Map.of("sku", sku, "size",
							"42", "price", Map.of("amount", 100, "currency", "USD"), "stock", 5))))
			.token(admin.accessToken())
			.send();
		Instant endsAt = Instant.now().plusSeconds(2);
		Http.Response tooBig = createDrop(admin, sku, 6, endsAt);
		assertThat(tooBig.status()).as(tooBig.toString()).isEqualTo(409);
		assertThat(tooBig.text("detail")).contains("Only 5 units");
		Http.Response drop = createDrop(admin, sku, 3, endsAt);
		assertThat(drop.status()).as(drop.toString()).isEqualTo(201);
		assertThat(stock(sku)).containsExactly(5, 3, 2);
		assertThat(createDrop(admin, sku, 3, endsAt).status()).as("only 2 left to set aside").isEqualTo(409);

		Http.Response order = this.http
			.post("/api/v1/orders",
					Map.of("dropId", drop.text("id"), "quantity", 1, "payment", Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.header("Idempotency-Key", "aside")
			.send();
		assertThat(order.text("status")).as(order.toString()).isEqualTo("PAID");
		assertThat(stock(sku)).containsExactly(4, 2, 2);

		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(endsAt));
		this.inventory.closeEndedDrops();
		assertThat(stock(sku)).as("the two unsold units are back on the shelf").containsExactly(4, 0, 4);
		Http.Response ended = this.http.get("/api/v1/drops/" + drop.text("id")).send();
		assertThat(ended.text("status")).isEqualTo("ENDED");
		assertThat(ended.json().path("available").asInt()).isZero();

		// A cancel after the close puts the unit on the shelf, not into the closed drop.
		assertThat(this.http.post("/api/v1/orders/" + order.text("id") + "/cancel", null)
			.token(buyer.accessToken())
			.send()
			.text("status")).isEqualTo("CANCELLED");
		assertThat(stock(sku)).containsExactly(5, 0, 5);
	}

	private Http.Response createDrop(LoggedIn admin, String sku, int quantity, Instant endsAt) {
		return this.http
			.post("/api/v1/drops", Map.of("sku", sku, "quantity", quantity, "startsAt",
					Instant.now().minusSeconds(1).toString(), "endsAt", endsAt.toString(), "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send();
	}

	/** onHand, reserved, available. */
	private List<Integer> stock(String sku) {
		Http.Response stock = this.http.get("/api/v1/inventory/" + sku).send();
		return List.of(stock.json().path("onHand").asInt(), stock.json().path("reserved").asInt(),
				stock.json().path("available").asInt());
	}

	@Test
	void aRestockWithoutIfMatchWaitsForACheckoutHoldingTheRowInsteadOfFailing() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "RST-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.http
			.post("/api/v1/products",
					Map.of("name", "Hot shoe", "brand", "Fortress", "variants", List.of(Map.of("sku", sku, "size", "42",
							"price", Map.of("amount", 100, "currency", "USD"), "stock", 10))))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(201);
		try (Connection checkout = this.dataSource.getConnection()) {
			// A checkout reserves a unit and holds the row until it commits.
			checkout.setAutoCommit(false);
			try (PreparedStatement reserve = checkout
				.prepareStatement("update stock set reserved = reserved + 1, version = version + 1 where sku = ?")) {
				reserve.setString(1, sku);
				reserve.executeUpdate();
			}
			CompletableFuture<Http.Response> restock = CompletableFuture
				.supplyAsync(() -> this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 20))
					.token(admin.accessToken())
					.send());
			Thread.sleep(500);
			checkout.commit();
			Http.Response restocked = restock.get(10, TimeUnit.SECONDS);
			assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);
			assertThat(restocked.json().path("available").asInt()).isEqualTo(19);
		}
	}

	@Test
	void adminsRestockWithIfMatchAndNeverBelowWhatIsReserved() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn buyer = loggedIn("EDITOR");
		String sku = "INV-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.http
			.post("/api/v1/products",
					Map.of("name", "Stock shoe", "brand", "Fortress", "variants", List.of(Map.of("sku", sku, "size",
							"42", "price", Map.of("amount", 100, "currency", "USD"), "stock", 1))))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(201);

		Http.Response read = this.http.get("/api/v1/inventory/" + sku).send();
		assertThat(read.status()).isEqualTo(200);
		String etag = read.header("ETag");
		assertThat(etag).isNotNull();
		assertThat(this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 5))
			.token(buyer.accessToken())
			.send()
			.status()).isEqualTo(403);
		Http.Response restocked = this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 5))
			.token(admin.accessToken())
			.header("If-Match", etag)
			.send();
		assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);
		assertThat(restocked.json().path("available").asInt()).isEqualTo(5);
		assertThat(this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 6))
			.token(admin.accessToken())
			.header("If-Match", etag)
			.send()
			.status()).isEqualTo(412);

		// Hold three units in pending orders: onHand may not go below them.
		this.jdbc.sql("update stock set reserved = 3 where sku = :sku").param("sku", sku).update();
		Http.Response below = this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 2))
			.token(admin.accessToken())
			.send();
		assertThat(below.status()).isEqualTo(409);
		assertThat(this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", -1))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/inventory/NOPE-" + UUID.randomUUID()).send().status()).isEqualTo(404);
	}

	@Test
	void dropsAreValidatedAndPublic() {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "DRP-" + UUID.randomUUID().toString().substring(0, 8);
		this.http
			.post("/api/v1/products",
					Map.of("name", "Drop shoe", "brand", "Fortress", "variants", List.of(Map.of("sku", sku, "size",
							"42", "price", Map.of("amount", 100, "currency", "USD"), "stock", 3))))
			.token(admin.accessToken())
			.send();
		Instant start = Instant.now().minusSeconds(60);
		assertThat(this.http
			.post("/api/v1/drops",
					Map.of("sku", sku, "quantity", 2, "startsAt", start.toString(), "endsAt",
							start.minusSeconds(1).toString(), "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(400);
		assertThat(this.http
			.post("/api/v1/drops", Map.of("sku", "NOPE-" + UUID.randomUUID(), "quantity", 2, "startsAt",
					start.toString(), "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(404);
		Http.Response ended = this.http
			.post("/api/v1/drops", Map.of("sku", sku, "quantity", 2, "startsAt", start.toString(), "endsAt",
					start.plusSeconds(1).toString(), "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send();
		assertThat(ended.status()).isEqualTo(201);
		Http.Response view = this.http.get("/api/v1/drops/" + ended.text("id")).send();
		assertThat(view.text("status")).isEqualTo("ENDED");
		// Over before it was created: nothing is available through it, nothing set aside.
		assertThat(view.json().path("available").asInt()).isZero();
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("available").asInt()).isEqualTo(3);
		assertThat(this.http.get("/api/v1/drops/" + UUID.randomUUID()).send().status()).isEqualTo(404);
	}

}
