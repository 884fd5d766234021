package dev.fortress.platform.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.platform.Ids;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/**
 * Deliveries that failed every attempt. A dead letter keeps the event, the listener, the
 * last error and the attempt count; a replay puts a fresh publication of the same event
 * for the same listener back into the registry and marks the letter replayed, in one
 * transaction, so replaying it again has no second effect.
 */
@Component
public class DeadLetters {

	private static final String COLUMNS = """
			id, listener_id, event_type, serialized_event, publication_date, attempts, last_error,
			first_failure_date, last_failure_date, dead_since, replayed_at""";

	private final JdbcClient jdbc;

	private final Clock clock;

	DeadLetters(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
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
					+ " returning listener_id, event_type, serialized_event")
			.param("now", now);
		if (id != null) {
			query = query.param("id", id);
		}
		List<Replayed> replayed = query
			.query((rs, row) -> new Replayed(rs.getString("listener_id"), rs.getString("event_type"),
					rs.getString("serialized_event"), Ids.newId()))
			.list();
		for (Replayed letter : replayed) {
			this.jdbc.sql("""
					insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
					    status, completion_attempts, last_resubmission_date)
					values (:id, :listener, :type, :event, :now, 'FAILED', 0, :now)
					""")
				.param("id", letter.publicationId())
				.param("listener", letter.listenerId())
				.param("type", letter.eventType())
				.param("event", letter.serializedEvent())
				.param("now", now)
				.update();
		}
		return replayed.stream().map(Replayed::publicationId).toList();
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

	private record Replayed(String listenerId, String eventType, String serializedEvent, UUID publicationId) {
	}

}
