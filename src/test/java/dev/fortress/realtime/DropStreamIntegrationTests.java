package dev.fortress.realtime;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.fortress.realtime.SseWatcher.Event;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public drop counter over real Server-Sent Events: a socket reads the stream while
 * buyers check out over HTTP.
 */
class DropStreamIntegrationTests extends IntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	@Test
	void aWatcherSeesTheCounterFallToZeroInOrderAndRiseWhenAnOrderIsCancelled() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String dropId = drop(admin, 4, Instant.now().minusSeconds(1), null, 4);
		LoggedIn buyer = loggedIn("EDITOR");
		try (SseWatcher watcher = watch("/api/v1/drops/" + dropId + "/stream")) {
			assertThat(watcher.status()).isEqualTo(200);
			assertThat(watcher.header("Content-Type")).startsWith("text/event-stream");
			Event first = watcher.next(PATIENCE);
			assertThat(first.name()).isEqualTo("availability");
			assertThat(first.available()).isEqualTo(4);
			assertThat(first.status()).isEqualTo("LIVE");

			List<String> orders = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				orders.add(order(dropId, buyer).text("id"));
			}
			List<Event> seen = untilStatus(watcher, "SOLD_OUT");
			assertThat(seen).extracting(Event::available).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
			assertThat(seen.get(seen.size() - 1).available()).isZero();

			Http.Response cancelled = this.http.post("/api/v1/orders/" + orders.get(0) + "/cancel", null)
				.token(buyer.accessToken())
				.send();
			assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
			Event back = watcher.next(PATIENCE);
			assertThat(back.available()).isEqualTo(1);
			assertThat(back.status()).isEqualTo("LIVE");
		}
	}

	@Test
	void aBurstOfOrdersIsCoalescedIntoFewUpdatesEndingWithTheFinalState() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		int units = 60;
		String dropId = drop(admin, units, Instant.now().minusSeconds(1), null, units);
		LoggedIn buyer = loggedIn("EDITOR");
		try (SseWatcher watcher = watch("/api/v1/drops/" + dropId + "/stream")) {
			assertThat(watcher.next(PATIENCE).available()).isEqualTo(units);
			ExecutorService pool = Executors.newFixedThreadPool(16);
			long started = System.nanoTime();
			List<Future<Http.Response>> burst = new ArrayList<>();
			for (int i = 0; i < units; i++) {
				burst.add(pool.submit(() -> order(dropId, buyer)));
			}
			for (Future<Http.Response> placed : burst) {
				assertThat(placed.get().status()).isEqualTo(201);
			}
			long burstMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
			pool.shutdown();

			List<Event> updates = untilStatus(watcher, "SOLD_OUT");
			assertThat(updates).extracting(Event::available).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
			assertThat(updates.get(updates.size() - 1).available()).isZero();
			// one update per 500 ms tick at most (plus the tick after the burst), far
			// fewer than orders
			assertThat(updates).hasSizeLessThanOrEqualTo((int) (burstMillis / 500) + 2).hasSizeLessThan(units / 2);
			assertThat(watcher.next(Duration.ofMillis(600))).isNull();
		}
	}

	@Test
	void aDropThatEndsSendsItsFinalStateAndClosesTheStream() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String dropId = drop(admin, 3, Instant.now().minusSeconds(1), Instant.now().plusSeconds(2), 1);
		try (SseWatcher watcher = watch("/api/v1/drops/" + dropId + "/stream")) {
			assertThat(watcher.next(PATIENCE).status()).isEqualTo("LIVE");
			Event last = watcher.next(PATIENCE);
			assertThat(last.status()).isEqualTo("ENDED");
			assertThat(last.available()).isZero();
			await().atMost(PATIENCE).until(watcher::ended);
		}
		try (SseWatcher late = watch("/api/v1/drops/" + dropId + "/stream")) {
			assertThat(late.next(PATIENCE).status()).isEqualTo("ENDED");
			await().atMost(PATIENCE).until(late::ended);
		}
	}

	@Test
	void anUnknownDropIsA404ProblemBeforeAnyStream() throws Exception {
		try (SseWatcher watcher = SseWatcher.open(this.port, "/api/v1/drops/" + UUID.randomUUID() + "/stream")) {
			assertThat(watcher.status()).isEqualTo(404);
			assertThat(watcher.header("Content-Type")).startsWith("application/problem+json");
			assertThat(watcher.problem().path("type").asString()).endsWith("/not-found");
		}
		try (SseWatcher watcher = SseWatcher.open(this.port, "/api/v1/drops/not-a-uuid/stream")) {
			assertThat(watcher.status()).isEqualTo(400);
			assertThat(watcher.header("Content-Type")).startsWith("application/problem+json");
		}
	}

	@Test
	void aClientHasAtMostItsShareOfStreamsAndGetsItsPlaceBackWhenItHangsUp() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String path = "/api/v1/drops/" + drop(admin, 1, Instant.now().plusSeconds(3600), null, 1) + "/stream";
		List<SseWatcher> open = new ArrayList<>();
		try {
			// streams of the tests before may still count until their close is noticed
			SseWatcher refused = SseWatcher.open(this.port, path);
			while (refused.status() == 200 && open.size() <= 20) {
				open.add(refused);
				refused = SseWatcher.open(this.port, path);
			}
			assertThat(open).isNotEmpty().hasSizeLessThanOrEqualTo(20);
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.header("Retry-After")).isNotEmpty();
			assertThat(refused.problem().path("type").asString()).endsWith("/rate-limited");
			open.remove(0).close();
			await().atMost(PATIENCE).untilAsserted(() -> {
				try (SseWatcher again = SseWatcher.open(this.port, path)) {
					assertThat(again.status()).isEqualTo(200);
				}
			});
		}
		finally {
			for (SseWatcher watcher : open) {
				watcher.close();
			}
		}
	}

	/**
	 * A stream of {@code path}; the streams of the tests before may still count against
	 * this client until the server notices they were closed (at its next write).
	 */
	private SseWatcher watch(String path) {
		return await().atMost(PATIENCE).until(() -> SseWatcher.open(this.port, path), (w) -> {
			if (w.status() != 429) {
				return true;
			}
			try {
				w.close();
			}
			catch (IOException ex) {
				// a refused answer: nothing to close
			}
			return false;
		});
	}

	private List<Event> untilStatus(SseWatcher watcher, String status) throws InterruptedException {
		List<Event> seen = new ArrayList<>();
		Event event;
		do {
			event = watcher.next(PATIENCE);
			assertThat(event).as("an event after " + seen).isNotNull();
			seen.add(event);
		}
		while (!status.equals(event.status()));
		return seen;
	}

	private String drop(LoggedIn admin, int quantity, Instant startsAt, Instant endsAt, int perCustomerLimit) {
		String sku = new Shop(this.http, admin.accessToken()).product(quantity);
		Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "quantity", quantity, "startsAt",
				startsAt.toString(), "perCustomerLimit", perCustomerLimit));
		if (endsAt != null) {
			body.put("endsAt", endsAt.toString());
		}
		Http.Response drop = this.http.post("/api/v1/drops", body).token(admin.accessToken()).send();
		assertThat(drop.status()).as(drop.toString()).isEqualTo(201);
		return drop.text("id");
	}

	private Http.Response order(String dropId, LoggedIn buyer) {
		Http.Response placed = this.http
			.post("/api/v1/orders", Map.of("dropId", dropId, "quantity", 1, "payment", Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.header("Idempotency-Key", "sse-" + UUID.randomUUID())
			.send();
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		return placed;
	}

}
