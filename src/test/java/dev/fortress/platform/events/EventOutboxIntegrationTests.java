package dev.fortress.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The outbox end to end, with real transactions, the real registry and the real retry
 * schedule (shortened in the test configuration: 3 attempts, 100 ms backoff): an event
 * exists if and only if its transaction commits; a failing delivery is retried, then
 * becomes a dead letter that an admin replays over HTTP, once; a poison event does not
 * hold back the events behind it; a redelivered event has one effect.
 */
class EventOutboxIntegrationTests extends IntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ProbeListener listener;

	@Autowired
	Clock clock;

	@BeforeEach
	void effectsTable() {
		this.jdbc.sql("create table if not exists probe_effects (key uuid not null, event_id uuid not null)").update();
	}

	@Test
	void aTransactionThatFailsAfterPublishingLeavesNoEvent() throws InterruptedException {
		UUID key = UUID.randomUUID();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			publish(key, "fine");
			throw new IllegalStateException("the change fails after its event was published");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(publications(key)).isZero();
		Thread.sleep(500);
		assertThat(this.listener.deliveries(key)).isZero();
		assertThat(this.listener.effects(key)).isZero();
	}

	@Test
	void aCommittedEventIsDeliveredAndCompletedWithItsRequestId() {
		UUID key = UUID.randomUUID();
		MDC.put("requestId", "req-" + key);
		try {
			this.transactions.executeWithoutResult((status) -> publish(key, "fine"));
		}
		finally {
			MDC.remove("requestId");
		}

		await().atMost(PATIENCE).until(() -> this.listener.effects(key) == 1 && completed(key));
		assertThat(this.listener.requestIdSeen(key)).isEqualTo("req-" + key);

		Http.Response listed = this.http.get("/api/v1/admin/events?type=Probe&status=COMPLETED&limit=200")
			.token(loggedIn("ADMIN").accessToken())
			.send();
		assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
		JsonNode entry = find(listed.json().get("items"), key);
		assertThat(entry.get("status").asText()).isEqualTo("COMPLETED");
		assertThat(entry.get("requestId").asText()).isEqualTo("req-" + key);
		assertThat(entry.get("listener").asText()).isEqualTo("ProbeListener.on");
		assertThat(entry.get("attempts").asInt()).isEqualTo(1);
	}

	@Test
	void aRedeliveredEventHasOneEffect() {
		UUID key = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> publish(key, "fine"));
		await().atMost(PATIENCE).until(() -> completed(key));

		// As after a crash between the effect's commit and the completion mark: the
		// delivery
		// is failed again and redelivered.
		this.jdbc.sql("""
				update event_publication set status = 'FAILED', completion_date = null
				where serialized_event like :key
				""").param("key", "%" + key + "%").update();

		await().atMost(PATIENCE).until(() -> this.listener.deliveries(key) == 2 && completed(key));
		assertThat(this.listener.effects(key)).isEqualTo(1);
	}

	@Test
	void aPoisonEventIsRetriedThenDeadLetteredWithoutHoldingBackOthersAndAReplayDeliversItOnce() {
		UUID poison = UUID.randomUUID();
		List<UUID> others = IntStream.range(0, 5).mapToObj((i) -> UUID.randomUUID()).toList();
		this.transactions.executeWithoutResult((status) -> {
			publish(poison, "poison");
			others.forEach((key) -> publish(key, "fine"));
		});

		await().atMost(PATIENCE).until(() -> others.stream().allMatch((key) -> this.listener.effects(key) == 1));
		assertThat(this.listener.effects(poison)).isZero();

		String admin = loggedIn("ADMIN").accessToken();
		JsonNode letter = await().atMost(PATIENCE).until(() -> deadLetter(admin, poison), (found) -> found != null);
		assertThat(this.listener.deliveries(poison)).isEqualTo(3);
		assertThat(letter.get("attempts").asInt()).isEqualTo(3);
		assertThat(letter.get("lastError").asText()).contains("is poison");
		assertThat(letter.get("listener").asText()).isEqualTo("ProbeListener.on");
		assertThat(letter.get("payload").get("key").asText()).isEqualTo(poison.toString());
		String id = letter.get("id").asText();

		Http.Response dead = this.http.get("/api/v1/admin/events?status=DEAD&type=Probe&limit=200").token(admin).send();
		assertThat(find(dead.json().get("items"), poison).get("status").asText()).isEqualTo("DEAD");
		assertThat(publications(poison)).as("a dead letter is no longer retried").isZero();

		this.listener.cure(poison);
		Http.Response replayed = this.http.post("/api/v1/admin/dead-letters/" + id + "/replay", "").token(admin).send();
		assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
		await().atMost(PATIENCE).until(() -> this.listener.effects(poison) == 1 && completed(poison));

		Http.Response again = this.http.post("/api/v1/admin/dead-letters/" + id + "/replay", "").token(admin).send();
		assertThat(again.status()).as(again.toString()).isEqualTo(202);
		Http.Response all = this.http.post("/api/v1/admin/dead-letters/replay", "").token(admin).send();
		assertThat(all.status()).as(all.toString()).isEqualTo(202);
		assertThat(this.listener.deliveries(poison)).isEqualTo(4);
		assertThat(this.listener.effects(poison)).isEqualTo(1);

		Http.Response audit = this.http.get("/api/v1/admin/audit?limit=200").token(admin).send();
		assertThat(audit.json().get("items").findValuesAsString("resource"))
			.contains("/api/v1/admin/dead-letters/" + id + "/replay");
	}

	@Test
	void onlyAdminsOperateTheOutboxAndBadFiltersAreRefused() {
		String editor = loggedIn("EDITOR").accessToken();
		assertThat(this.http.get("/api/v1/admin/events").token(editor).send().status()).isEqualTo(403);
		assertThat(this.http.post("/api/v1/admin/dead-letters/replay", "").token(editor).send().status())
			.isEqualTo(403);
		assertThat(this.http.get("/api/v1/admin/dead-letters").send().status()).isEqualTo(401);

		String admin = loggedIn("ADMIN").accessToken();
		assertThat(this.http.get("/api/v1/admin/events?status=LOST").token(admin).send().status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/admin/events?type=a'b").token(admin).send().status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/admin/events?cursor=bm9wZQ").token(admin).send().status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/admin/dead-letters/" + UUID.randomUUID()).token(admin).send().status())
			.isEqualTo(404);
		assertThat(this.http.delete("/api/v1/admin/dead-letters/" + UUID.randomUUID()).token(admin).send().status())
			.isEqualTo(404);
	}

	private void publish(UUID key, String behaviour) {
		this.events.publishEvent(new Probe(key, behaviour, EventMetadata.now(this.clock)));
	}

	private int publications(UUID key) {
		return this.jdbc.sql("select count(*) from event_publication where serialized_event like :key")
			.param("key", "%" + key + "%")
			.query(Integer.class)
			.single();
	}

	private boolean completed(UUID key) {
		return this.jdbc.sql("""
				select count(*) from event_publication where serialized_event like :key and status = 'COMPLETED'
				""").param("key", "%" + key + "%").query(Integer.class).single() == 1;
	}

	private JsonNode deadLetter(String admin, UUID key) {
		Http.Response letters = this.http.get("/api/v1/admin/dead-letters?limit=200").token(admin).send();
		for (JsonNode item : letters.json().get("items")) {
			if (item.get("payload").path("key").asText("").equals(key.toString())) {
				return this.http.get("/api/v1/admin/dead-letters/" + item.get("id").asText())
					.token(admin)
					.send()
					.json();
			}
		}
		return null;
	}

	private static JsonNode find(JsonNode items, UUID key) {
		for (JsonNode item : items) {
			if (key.toString().equals(item.path("aggregateId").asText())) {
				return item;
			}
		}
		throw new AssertionError("no entry for " + key + " in " + items);
	}

}
