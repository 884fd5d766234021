package dev.fortress.orders;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The README tour as a test: over real HTTP, with the configured (default) strategy. */
class DropJourneyTests extends IntegrationTest {

	@Test
	void twoBuyersRaceForTheLastPairReplayDeclineAndCancel() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "AJ1-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response product = this.http
			.post("/api/v1/products",
					Map.of("name", "Air Jordan 1", "brand", "Nike", "description", "Chicago", "variants",
							List.of(Map.of("sku", sku, "size", "42", "price",
									Map.of("amount", 17000, "currency", "USD"), "stock", 2))))
			.token(admin.accessToken())
			.send();
		assertThat(product.status()).as(product.toString()).isEqualTo(201);
		Http.Response drop = this.http
			.post("/api/v1/drops", Map.of("sku", sku, "quantity", 1, "startsAt",
					Instant.now().minusSeconds(1).toString(), "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send();
		assertThat(drop.status()).as(drop.toString()).isEqualTo(201);
		String dropId = drop.text("id");
		assertThat(this.http.get("/api/v1/drops/" + dropId).send().text("status")).isEqualTo("LIVE");

		LoggedIn sarah = loggedIn("EDITOR");
		LoggedIn jake = loggedIn("EDITOR");
		Map<String, Object> body = Map.of("dropId", dropId, "quantity", 1, "payment", Map.of("token", "tok_visa"));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Http.Response>> race = new ArrayList<>();
		for (LoggedIn buyer : List.of(sarah, jake)) {
			race.add(pool.submit(() -> {
				start.await();
				return this.http.post("/api/v1/orders", body)
					.token(buyer.accessToken())
					.header("Idempotency-Key", "buy-" + buyer.id())
					.send();
			}));
		}
		start.countDown();
		List<Http.Response> responses = new ArrayList<>();
		for (Future<Http.Response> future : race) {
			responses.add(future.get());
		}
		pool.shutdown();
		assertThat(responses).extracting(Http.Response::status).containsExactlyInAnyOrder(201, 409);
		Http.Response winner = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
		Http.Response loser = responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
		assertThat(winner.text("status")).isEqualTo("PAID");
		assertThat(loser.text("type")).endsWith("/sold-out");
		assertThat(this.http.get("/api/v1/drops/" + dropId).send().text("status")).isEqualTo("SOLD_OUT");
		LoggedIn winnerUser = winner.text("userId").equals(sarah.id().toString()) ? sarah : jake;

		Http.Response replay = this.http.post("/api/v1/orders", body)
			.token(winnerUser.accessToken())
			.header("Idempotency-Key", "buy-" + winnerUser.id())
			.send();
		assertThat(replay.status()).isEqualTo(201);
		assertThat(replay.text("id")).isEqualTo(winner.text("id"));
		Http.Response reused = this.http
			.post("/api/v1/orders", Map.of("dropId", dropId, "quantity", 1, "payment", Map.of("token", "tok_declined")))
			.token(winnerUser.accessToken())
			.header("Idempotency-Key", "buy-" + winnerUser.id())
			.send();
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.text("type")).endsWith("/idempotency-key-reused");

		// The second unit, outside the drop: a declined card releases it.
		Http.Response declined = this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment",
							Map.of("token", "tok_declined")))
			.token(sarah.accessToken())
			.header("Idempotency-Key", "declined-1")
			.send();
		assertThat(declined.status()).as(declined.toString()).isEqualTo(402);
		assertThat(declined.text("type")).endsWith("/payment-declined");
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("available").asInt()).isEqualTo(1);

		// Someone else's order is invisible; the owner cancels: refund and restock, once.
		String orderId = winner.text("id");
		assertThat(this.http.get("/api/v1/orders/" + orderId).token(admin.accessToken()).send().status())
			.isEqualTo(200);
		LoggedIn other = winnerUser == sarah ? jake : sarah;
		assertThat(this.http.get("/api/v1/orders/" + orderId).token(other.accessToken()).send().status())
			.isEqualTo(404);
		Http.Response cancelled = this.http.post("/api/v1/orders/" + orderId + "/cancel", null)
			.token(winnerUser.accessToken())
			.send();
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
		assertThat(cancelled.text("refundId")).isNotNull();
		// Both units are back on hand; the drop's one is set aside for the drop again.
		Http.Response stock = this.http.get("/api/v1/inventory/" + sku).send();
		assertThat(stock.json().path("onHand").asInt()).isEqualTo(2);
		assertThat(stock.json().path("available").asInt()).isEqualTo(1);
		Http.Response dropAfter = this.http.get("/api/v1/drops/" + dropId).send();
		assertThat(dropAfter.text("status")).isEqualTo("LIVE");
		assertThat(dropAfter.json().path("available").asInt()).isEqualTo(1);

		// Events were stored by the registry and delivered to the timeline.
		await().untilAsserted(
				() -> assertThat(this.jdbc.sql("select event from order_timeline where order_id = :id order by event")
					.param("id", UUID.fromString(orderId))
					.query(String.class)
					.list()).containsExactly("CANCELLED", "PAID", "PLACED", "REFUNDED"));
	}

	@Test
	void twoHundredRequestsOverHttpForFiftyUnitsSellExactlyFifty() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "HTTP-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.http
			.post("/api/v1/products",
					Map.of("name", "Http race", "brand", "Fortress", "variants", List.of(Map.of("sku", sku, "size",
							"42", "price", Map.of("amount", 900, "currency", "USD"), "stock", 50))))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(201);
		List<LoggedIn> buyers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			buyers.add(loggedIn("EDITOR"));
		}
		Map<String, Object> body = Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment",
				Map.of("token", "tok_visa"));
		ExecutorService pool = Executors.newFixedThreadPool(100);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> statuses = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			LoggedIn buyer = buyers.get(i % buyers.size());
			String key = "http-race-" + i;
			statuses.add(pool.submit(() -> {
				start.await();
				return buyRetryingWhenShed(body, buyer, key);
			}));
		}
		start.countDown();
		Map<Integer, Integer> counts = new java.util.TreeMap<>();
		for (Future<Integer> status : statuses) {
			counts.merge(status.get(), 1, Integer::sum);
		}
		pool.shutdown();
		assertThat(counts).containsOnlyKeys(201, 409).containsEntry(201, 50).containsEntry(409, 150);
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("available").asInt()).isZero();
	}

	/**
	 * A client's side of load shedding: a 503 says nothing was bought and to come back
	 * after {@code Retry-After}, so it retries with the same key, as a real client would.
	 * The claim under test is the outcome (exactly the stock sold, everyone else told
	 * "sold out"), not that no request was ever asked to wait.
	 */
	private int buyRetryingWhenShed(Map<String, Object> body, LoggedIn buyer, String key) throws InterruptedException {
		for (int attempt = 0;; attempt++) {
			Http.Response response = this.http.post("/api/v1/orders", body)
				.token(buyer.accessToken())
				.header("Idempotency-Key", key)
				.send();
			if (response.status() != 503 || attempt == 20) {
				return response.status();
			}
			assertThat(response.header("Retry-After")).as(response.toString()).isNotNull();
			Thread.sleep(200);
		}
	}

	@Test
	void checkoutValidatesWithoutStoringTheKey() {
		LoggedIn buyer = loggedIn("EDITOR");
		Http.Response missingKey = this.http
			.post("/api/v1/orders", Map.of("dropId", UUID.randomUUID(), "payment", Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.send();
		assertThat(missingKey.status()).isEqualTo(400);
		Http.Response neither = this.http.post("/api/v1/orders", Map.of("payment", Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.header("Idempotency-Key", "k1")
			.send();
		assertThat(neither.status()).isEqualTo(400);
		Http.Response unknownSku = this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", "NOPE-" + UUID.randomUUID(), "quantity", 1)), "payment",
							Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.header("Idempotency-Key", "k1")
			.send();
		assertThat(unknownSku.status()).isEqualTo(400);
		assertThat(this.jdbc.sql("select count(*) from idempotency_keys where user_id = :id")
			.param("id", buyer.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.http.post("/api/v1/orders", Map.of("payment", Map.of("token", "tok_visa")))
			.header("Idempotency-Key", "k1")
			.send()
			.status()).isEqualTo(401);
		LoggedIn viewer = loggedIn("VIEWER");
		assertThat(this.http.post("/api/v1/orders", Map.of("payment", Map.of("token", "tok_visa")))
			.token(viewer.accessToken())
			.header("Idempotency-Key", "k1")
			.send()
			.status()).isEqualTo(403);
		assertThat(this.http.get("/api/v1/orders").token(viewer.accessToken()).send().status()).isEqualTo(200);
	}

	@Test
	void aScheduledDropIsNotLiveYet() {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "SCH-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.http
			.post("/api/v1/products",
					Map.of("name", "Later", "brand", "B", "variants", List.of(Map.of("sku", sku, "size", "M", "price",
							Map.of("amount", 100, "currency", "USD"), "stock", 5))))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(201);
		Http.Response drop = this.http
			.post("/api/v1/drops", Map.of("sku", sku, "quantity", 5, "startsAt",
					Instant.now().plus(1, ChronoUnit.HOURS).toString(), "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send();
		assertThat(drop.text("status")).isEqualTo("SCHEDULED");
		LoggedIn buyer = loggedIn("EDITOR");
		Http.Response early = this.http
			.post("/api/v1/orders",
					Map.of("dropId", drop.text("id"), "quantity", 1, "payment", Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.header("Idempotency-Key", "early")
			.send();
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.text("type")).endsWith("/sold-out");
		assertThat(early.text("detail")).contains("not started");

		// The drop's units are set aside: a plain order cannot buy them before the start.
		Http.Response around = this.http
			.post("/api/v1/orders",
					Map.of("items", List.of(Map.of("sku", sku, "quantity", 5)), "payment", Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.header("Idempotency-Key", "around")
			.send();
		assertThat(around.status()).as(around.toString()).isEqualTo(409);
		assertThat(around.text("type")).endsWith("/sold-out");
		Http.Response cart = this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 1))
			.token(buyer.accessToken())
			.send();
		assertThat(cart.status()).as(cart.toString()).isEqualTo(409);
		assertThat(cart.text("type")).endsWith("/sold-out");
		assertThat(this.http.get("/api/v1/inventory/" + sku).send().json().path("reserved").asInt()).isEqualTo(5);
	}

}
