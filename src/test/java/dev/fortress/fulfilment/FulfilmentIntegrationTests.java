package dev.fortress.fulfilment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hand-off end to end over HTTP: a paid order becomes a shipment request, its
 * cancellation withdraws it, a declined order requests nothing; the admin list pages by
 * cursor and refuses what it does not know.
 */
class FulfilmentIntegrationTests extends IntegrationTest {

	@Test
	void aPaidOrderIsRequestedAndItsCancellationWithdrawsIt() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn buyer = loggedIn("EDITOR");
		String sku = new Shop(this.http, admin.accessToken()).product(5);
		String kept = buy(buyer, sku, "tok_visa", "kept", 201).text("id");
		String cancelled = buy(buyer, sku, "tok_visa", "cancelled", 201).text("id");
		buy(buyer, sku, "tok_declined", "declined", 402);
		Http.Response cancel = this.http.post("/api/v1/orders/" + cancelled + "/cancel", null)
			.token(buyer.accessToken())
			.send();
		assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(shipment(admin, "REQUESTED", kept)).isNotNull();
			assertThat(shipment(admin, "WITHDRAWN", cancelled)).isNotNull();
		});
		JsonNode requested = shipment(admin, "REQUESTED", kept);
		assertThat(requested.path("userId").asString()).isEqualTo(buyer.id().toString());
		assertThat(requested.path("total").path("amount").asLong()).isEqualTo(7_000);
		assertThat(requested.path("status").asString()).isEqualTo("REQUESTED");
		assertThat(shipment(admin, "WITHDRAWN", cancelled).path("withdrawnAt").isNull()).isFalse();
		assertThat(shipment(admin, "REQUESTED", cancelled)).isNull();
		assertThat(this.jdbc.sql("""
				select count(*) from shipments s join orders o on o.id = s.order_id
				where o.user_id = :user and s.status in ('REQUESTED', 'WITHDRAWN')
				""").param("user", buyer.id()).query(Integer.class).single()).as("the declined order requested nothing")
			.isEqualTo(2);
	}

	@Test
	void theListIsForAdminsPagedAndValidated() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn editor = loggedIn("EDITOR");
		assertThat(this.http.get("/api/v1/admin/shipments").token(editor.accessToken()).send().status()).isEqualTo(403);
		Http.Response bogus = this.http.get("/api/v1/admin/shipments?status=SHIPPED").token(admin.accessToken()).send();
		assertThat(bogus.status()).isEqualTo(400);
		assertThat(bogus.text("type")).endsWith("/validation-error");
		assertThat(this.http.get("/api/v1/admin/shipments?cursor=bm90LWEtY3Vyc29y")
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/admin/shipments?limit=0").token(admin.accessToken()).send().status())
			.isEqualTo(400);
		for (int i = 0; i < 3; i++) {
			insert(UUID.randomUUID());
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			Http.Response page = this.http
				.get("/api/v1/admin/shipments?status=REQUESTED&limit=2" + (cursor != null ? "&cursor=" + cursor : ""))
				.token(admin.accessToken())
				.send();
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			assertThat(page.json().path("items").size()).isLessThanOrEqualTo(2);
			page.json().path("items").forEach((item) -> seen.add(item.path("id").asString()));
			cursor = page.text("nextCursor");
		}
		while (cursor != null);
		assertThat(seen).doesNotHaveDuplicates()
			.hasSize(this.jdbc.sql("select count(*) from shipments where status = 'REQUESTED'")
				.query(Integer.class)
				.single());
		assertThat(seen).isSortedAccordingTo(java.util.Comparator.<String, UUID>comparing(UUID::fromString).reversed());
	}

	private void insert(UUID orderId) {
		this.jdbc.sql("""
				insert into shipments (id, order_id, user_id, amount, currency, status, requested_at, updated_at)
				values (:id, :order, :user, 100, 'USD', 'REQUESTED', now(), now())
				""")
			.param("id", dev.fortress.platform.Ids.newId())
			.param("order", orderId)
			.param("user", UUID.randomUUID())
			.update();
	}

	private Http.Response buy(LoggedIn buyer, String sku, String token, String key, int expected) {
		Http.Response response = this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment", Map.of("token", token)))
			.token(buyer.accessToken())
			.header("Idempotency-Key", key + "-" + buyer.id())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(expected);
		return response;
	}

	/** The shipment of the order in the list of that status, or null. */
	private JsonNode shipment(LoggedIn admin, String status, String orderId) {
		String cursor = null;
		do {
			Http.Response page = this.http
				.get("/api/v1/admin/shipments?status=" + status + "&limit=100"
						+ (cursor != null ? "&cursor=" + cursor : ""))
				.token(admin.accessToken())
				.send();
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			for (JsonNode item : page.json().path("items")) {
				if (item.path("orderId").asString().equals(orderId)) {
					return item;
				}
			}
			cursor = page.text("nextCursor");
		}
		while (cursor != null);
		return null;
	}

}
