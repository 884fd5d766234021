package dev.fortress.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Analytics over real HTTP: a real checkout run on a drop (a declined card, a race for
 * the last units, refusals from memory, a cancellation), then the read model is compared
 * with the orders the database holds, and a rebuild from the analytics log gives the same
 * numbers.
 */
class AnalyticsIntegrationTests extends IntegrationTest {

	private static final int UNITS = 5;

	private static final long PRICE = 12_500;

	@Test
	void dropAnalyticsMatchTheOrdersOfACheckoutRunAndARebuildGivesTheSameNumbers() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "AN-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.http
			.post("/api/v1/products",
					Map.of("name", "Analytics", "brand", "Fortress", "variants",
							List.of(Map.of("sku", sku, "size", "42", "price",
									Map.of("amount", PRICE, "currency", "EUR"), "stock", UNITS))))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(201);
		Instant startsAt = Instant.now().minusSeconds(2);
		Http.Response created = this.http
			.post("/api/v1/drops",
					Map.of("sku", sku, "quantity", UNITS, "startsAt", startsAt.toString(), "perCustomerLimit", 1))
			.token(admin.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String dropId = created.text("id");
		int attempts = 0;

		// A declined card: an attempt, an order placed and released, nothing sold.
		LoggedIn declined = loggedIn("EDITOR");
		assertThat(buy(dropId, declined, "tok_declined", "declined").status()).isEqualTo(402);
		attempts++;

		// Eight buyers race for the five units.
		List<LoggedIn> buyers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			buyers.add(loggedIn("EDITOR"));
		}
		ExecutorService pool = Executors.newFixedThreadPool(buyers.size());
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Http.Response>> race = new ArrayList<>();
		for (LoggedIn buyer : buyers) {
			race.add(pool.submit(() -> {
				start.await();
				return buy(dropId, buyer, "tok_visa", "race");
			}));
		}
		start.countDown();
		List<Http.Response> winners = new ArrayList<>();
		for (Future<Http.Response> future : race) {
			Http.Response response = future.get();
			assertThat(response.status()).as(response.toString()).isIn(201, 409);
			if (response.status() == 201) {
				winners.add(response);
			}
		}
		pool.shutdown();
		attempts += buyers.size();
		assertThat(winners).hasSize(UNITS);

		// Late buyers: refused, most likely from memory without a statement; attempts all
		// the same.
		for (int i = 0; i < 3; i++) {
			assertThat(buy(dropId, loggedIn("EDITOR"), "tok_visa", "late").status()).isEqualTo(409);
			attempts++;
		}

		// One winner cancels: refunded, no longer sold.
		Http.Response winner = winners.get(0);
		LoggedIn owner = buyers.stream()
			.filter(buyer -> buyer.id().toString().equals(winner.text("userId")))
			.findFirst()
			.orElseThrow();
		Http.Response cancelled = this.http.post("/api/v1/orders/" + winner.text("id") + "/cancel", null)
			.token(owner.accessToken())
			.send();
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

		UUID drop = UUID.fromString(dropId);
		Sold sold = soldInTheDatabase(drop);
		assertThat(sold.orders()).isEqualTo(UNITS - 1);
		int expectedAttempts = attempts;
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode figures = dropAnalytics(admin, dropId);
			assertThat(figures.path("attempts").asLong()).isEqualTo(expectedAttempts);
			assertThat(figures.path("orders").asInt()).isEqualTo(sold.orders());
			assertThat(figures.path("unitsSold").asInt()).isEqualTo(sold.units());
			assertThat(figures.path("revenue").path("amount").asLong()).isEqualTo(sold.revenue());
			assertThat(figures.path("soldOutAt").isNull()).isFalse();
		});
		JsonNode figures = dropAnalytics(admin, dropId);
		assertThat(figures.path("dropId").asString()).isEqualTo(dropId);
		assertThat(figures.path("revenue").path("currency").asString()).isEqualTo("EUR");
		assertThat(figures.path("revenue").path("amount").asLong()).isEqualTo((UNITS - 1) * PRICE);
		assertThat(figures.path("conversion").asDouble())
			.isEqualTo(Math.round(sold.orders() * 10_000.0 / expectedAttempts) / 10_000.0);
		Instant soldOutAt = Instant.parse(figures.path("soldOutAt").asString());
		assertThat(soldOutAt).isAfter(startsAt).isBefore(Instant.now());
		long sellOut = Duration.between(startsAt, soldOutAt).toSeconds();
		assertThat(figures.path("sellOutSeconds").asLong()).isBetween(sellOut - 1, sellOut + 1);

		// The read model is lost; the rebuild recomputes it from the analytics log.
		this.jdbc.sql("delete from analytics_orders where drop_id = :id").param("id", drop).update();
		this.jdbc.sql("delete from analytics_drops where drop_id = :id").param("id", drop).update();
		assertThat(dropAnalytics(admin, dropId).path("orders").asInt()).isZero();
		Http.Response rebuilt = this.http.post("/api/v1/admin/analytics/rebuild", null)
			.token(admin.accessToken())
			.send();
		assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(202);
		assertThat(rebuilt.json().path("events").asLong()).isPositive();
		assertThat(dropAnalytics(admin, dropId)).isEqualTo(figures);
	}

	@Test
	void dropAnalyticsAreForAdminsAndKnownDrops() {
		LoggedIn editor = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		assertThat(this.http.get("/api/v1/analytics/drops/" + UUID.randomUUID())
			.token(editor.accessToken())
			.send()
			.status()).isEqualTo(403);
		assertThat(this.http.post("/api/v1/admin/analytics/rebuild", null).token(editor.accessToken()).send().status())
			.isEqualTo(403);
		assertThat(this.http.get("/api/v1/analytics/drops/" + UUID.randomUUID())
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/analytics/drops/not-a-uuid").token(admin.accessToken()).send().status())
			.isEqualTo(400);
	}

	@Test
	void projectAnalyticsCountTasksCreatedAndCompletedTodayForMembersOnly() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn stranger = loggedIn("EDITOR");
		Http.Response project = this.http.post("/api/v1/projects", Map.of("name", "Analytics project"))
			.token(owner.accessToken())
			.send();
		assertThat(project.status()).isEqualTo(201);
		String projectId = project.text("id");
		List<String> tasks = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Http.Response task = this.http
				.post("/api/v1/projects/" + projectId + "/tasks",
						Map.of("title", "Task " + i, "type", "TASK", "priority", "LOW"))
				.token(owner.accessToken())
				.send();
			assertThat(task.status()).as(task.toString()).isEqualTo(201);
			tasks.add(task.text("id"));
		}
		for (String task : tasks.subList(0, 2)) {
			Http.Response done = this.http.patch("/api/v1/tasks/" + task, Map.of("status", "DONE"))
				.token(owner.accessToken())
				.header("If-Match", "\"1\"")
				.send();
			assertThat(done.status()).as(done.toString()).isEqualTo(200);
		}
		// Edited again while done: not a second completion.
		assertThat(this.http.patch("/api/v1/tasks/" + tasks.get(0), Map.of("title", "Renamed"))
			.token(owner.accessToken())
			.header("If-Match", "\"2\"")
			.send()
			.status()).isEqualTo(200);

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Http.Response analytics = this.http.get("/api/v1/projects/" + projectId + "/analytics?days=7")
				.token(owner.accessToken())
				.send();
			assertThat(analytics.status()).as(analytics.toString()).isEqualTo(200);
			JsonNode days = analytics.json().path("days");
			assertThat(days.size()).isEqualTo(7);
			JsonNode last = days.get(6);
			assertThat(last.path("date").asString()).isEqualTo(today.toString());
			assertThat(last.path("created").asInt()).isEqualTo(3);
			assertThat(last.path("completed").asInt()).isEqualTo(2);
			assertThat(days.get(0).path("date").asString()).isEqualTo(today.minusDays(6).toString());
			assertThat(days.get(0).path("created").asInt()).isZero();
		});

		assertThat(this.http.get("/api/v1/projects/" + projectId + "/analytics")
			.token(stranger.accessToken())
			.send()
			.status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/projects/" + UUID.randomUUID() + "/analytics")
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/projects/" + projectId + "/analytics?days=0")
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(400);
	}

	private Http.Response buy(String dropId, LoggedIn buyer, String token, String key) {
		return this.http
			.post("/api/v1/orders", Map.of("dropId", dropId, "quantity", 1, "payment", Map.of("token", token)))
			.token(buyer.accessToken())
			.header("Idempotency-Key", key + "-" + buyer.id())
			.send();
	}

	private JsonNode dropAnalytics(LoggedIn admin, String dropId) {
		Http.Response response = this.http.get("/api/v1/analytics/drops/" + dropId).token(admin.accessToken()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private Sold soldInTheDatabase(UUID dropId) {
		return this.jdbc.sql("""
				select count(distinct o.id) as orders, coalesce(sum(l.quantity), 0) as units,
				       coalesce(sum(l.quantity * l.unit_amount), 0) as revenue
				from orders o join order_lines l on l.order_id = o.id
				where o.drop_id = :drop and o.status = 'PAID'
				""")
			.param("drop", dropId)
			.query((rs, n) -> new Sold(rs.getInt("orders"), rs.getInt("units"), rs.getLong("revenue")))
			.single();
	}

	private record Sold(int orders, int units, long revenue) {
	}

}
