package dev.fortress.platform.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.platform.Ids;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/**
 * Deliveries that failed every attempt. A dead letter keeps the event, the listener, the
 * last error and the attempt count; a replay puts a fresh publication of the same event
 * for the same listener back into the registry (or, for a letter from Kafka, the record
 * back into the Kafka outbox) and marks the letter replayed, in one transaction, so
 * replaying it again has no second effect.
 */
@Component
public class DeadLetters {

	private static final String COLUMNS = """
			id, listener_id, event_type, serialized_event, publication_date, attempts, last_error,
			first_failure_date, last_failure_date, dead_since, replayed_at""";

	/**
	 * The listener of a record a Kafka consumer group failed:
	 * {@code kafka:<group>:<topic>}.
	 */
	public static final String KAFKA_CONSUMER = "kafka:";

	/**
	 * The listener of a record the Kafka brokers refused: {@code kafka-relay:<topic>}.
	 */
	public static final String KAFKA_RELAY = "kafka-relay:";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	DeadLetters(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Moves failed publications that used up their attempts into the dead letters, in one
	 * statement (a publication is either still retried or dead, never both nor neither).
	 * @return how many became dead letters
	 */
	int bury(int maxAttempts) {
		return this.jdbc.sql("""
				with dead as (
				    delete from event_publication
				    where status = 'FAILED' and completion_attempts >= :max
				    returning *)
				insert into dead_letters (id, listener_id, event_type, serialized_event, publication_date, attempts,
				    last_error, first_failure_date, last_failure_date, dead_since)
				select id, listener_id, event_type, serialized_event, publication_date, completion_attempts,
				    last_error, first_failure_date, last_failure_date, :now
				from dead
				""").param("max", maxAttempts).param("now", Timestamp.from(this.clock.instant())).update();
	}

	/** Dead letters not replayed yet, the newest first. */
	public CursorPage<DeadLetter> list(@Nullable String cursor, int limit) {
		List<String> after = Cursors.decode(cursor, 2);
		String keyset = after.isEmpty() ? "" : " and (dead_since, id) < (:since, :id)";
		var query = this.jdbc
			.sql("select " + COLUMNS + " from dead_letters where replayed_at is null" + keyset
					+ " order by dead_since desc, id desc limit :limit")
			.param("limit", limit + 1);
		if (!after.isEmpty()) {
			query = query.param("since", Timestamp.from(Cursors.instant(after.get(0))))
				.param("id", Cursors.uuid(after.get(1)));
		}
		List<DeadLetter> rows = query.query(DeadLetter.class).list();
		return CursorPage.of(rows, limit, (letter) -> Cursors.encode(letter.deadSince(), letter.id()));
	}

	public Optional<DeadLetter> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from dead_letters where id = :id")
			.param("id", id)
			.query(DeadLetter.class)
			.optional();
	}

	/**
	 * Puts the dead letter's event back for its listener, unless it was replayed before.
	 * @return the new publication's id, empty when there was nothing (left) to replay
	 */
	@Transactional
	public Optional<UUID> replay(UUID id) {
		return replayWhere("id = :id and replayed_at is null", id).stream().findFirst();
	}

	/** {@link #replay(UUID)} for every dead letter not replayed yet. */
	@Transactional
	public List<UUID> replayAll() {
		return replayWhere("replayed_at is null", null);
	}

	private List<UUID> replayWhere(String condition, @Nullable UUID id) {
		Timestamp now = Timestamp.from(this.clock.instant());
		var query = this.jdbc
			.sql("update dead_letters set replayed_at = :now where " + condition
					+ " returning id, listener_id, event_type, serialized_event")
			.param("now", now);
		if (id != null) {
			query = query.param("id", id);
		}
		List<Replayed> replayed = query
			.query((rs, row) -> new Replayed(rs.getObject("id", UUID.class), rs.getString("listener_id"),
					rs.getString("event_type"), rs.getString("serialized_event")))
			.list();
		return replayed.stream()
			.map((letter) -> letter.kafkaTopic().isPresent() ? toKafka(letter, now) : toRegistry(letter, now))
			.toList();
	}

	/** A fresh publication of the event for the listener that failed it. */
	private UUID toRegistry(Replayed letter, Timestamp now) {
		UUID publication = Ids.newId();
		this.jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				    status, completion_attempts, last_resubmission_date)
				values (:id, :listener, :type, :event, :now, 'FAILED', 0, :now)
				""")
			.param("id", publication)
			.param("listener", letter.listenerId())
			.param("type", letter.eventType())
			.param("event", letter.serializedEvent())
			.param("now", now)
			.update();
		return publication;
	}

	/**
	 * A letter from Kafka (a record a consumer group failed, or one the brokers refused)
	 * goes back into the Kafka outbox, so the relay puts the record on its topic again,
	 * in order with the rest; groups that had processed it skip it by their inbox. Two
	 * letters of one event (two groups failed it) make one record.
	 */
	private UUID toKafka(Replayed letter, Timestamp now) {
		CloudEventKey key = CloudEventKey.of(this.json, letter.serializedEvent(), letter.id());
		this.jdbc.sql("""
				insert into kafka_outbox (event_id, topic, key, payload, created_at)
				values (:event, :topic, :key, :payload, :now)
				on conflict (event_id) do nothing
				""")
			.param("event", key.eventId())
			.param("topic", letter.kafkaTopic().orElseThrow())
			.param("key", key.subject())
			.param("payload", letter.serializedEvent())
			.param("now", now)
			.update();
		return key.eventId();
	}

	/** Deletes a dead letter for good. */
	public boolean delete(UUID id) {
		return this.jdbc.sql("delete from dead_letters where id = :id").param("id", id).update() == 1;
	}

	public int countOpen() {
		return this.jdbc.sql("select count(*) from dead_letters where replayed_at is null")
			.query(Integer.class)
			.single();
	}

	/**
	 * A delivery that failed every attempt.
	 *
	 * @param attempts how many times it was delivered
	 * @param deadSince when it stopped being retried
	 */
	public record DeadLetter(UUID id, String listenerId, String eventType, String serializedEvent,
			Instant publicationDate, int attempts, @Nullable String lastError, @Nullable Instant firstFailureDate,
			@Nullable Instant lastFailureDate, Instant deadSince, @Nullable Instant replayedAt) {
	}

	private record Replayed(UUID id, String listenerId, String eventType, String serializedEvent) {

		/**
		 * The topic of a letter from Kafka: its listener is {@code kafka:<group>:<topic>}
		 * (a consumer group failed it) or {@code kafka-relay:<topic>} (the brokers
		 * refused it).
		 */
		Optional<String> kafkaTopic() {
			if (!this.listenerId.startsWith(KAFKA_CONSUMER) && !this.listenerId.startsWith(KAFKA_RELAY)) {
				return Optional.empty();
			}
			return Optional.of(this.listenerId.substring(this.listenerId.lastIndexOf(':') + 1));
		}

	}

	/** The event id and subject (the record key) of a CloudEvent, if it can be read. */
	private record CloudEventKey(UUID eventId, String subject) {

		static CloudEventKey of(JsonMapper json, String payload, UUID fallback) {
			try {
				JsonNode event = json.readTree(payload);
				UUID id = UUID.fromString(event.path("id").asString(""));
				return new CloudEventKey(id, event.path("subject").asString(id.toString()));
			}
			catch (RuntimeException unreadable) {
				return new CloudEventKey(fallback, fallback.toString());
			}
		}

	}

}
