package dev.fortress.platform.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/**
 * What operators see of the outbox: each publication (one event for one listener) with
 * its status, attempts, last error and the request that caused it; dead letters as status
 * {@code DEAD}.
 */
@Component
public class EventLog {

	private static final Logger log = LoggerFactory.getLogger(EventLog.class);

	private final JdbcClient jdbc;

	private final EventSerializer serializer;

	EventLog(JdbcClient jdbc, EventSerializer serializer) {
		this.jdbc = jdbc;
		this.serializer = serializer;
	}

	/** The statuses an operator filters by. */
	public enum Status {

		PENDING("status in ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')"), COMPLETED("status = 'COMPLETED'"),
		FAILED("status = 'FAILED'"), DEAD(null);

		private final @Nullable String condition;

		Status(@Nullable String condition) {
			this.condition = condition;
		}

		static Status of(@Nullable String stored) {
			if (stored == null) {
				return PENDING;
			}
			return switch (stored) {
				case "COMPLETED" -> COMPLETED;
				case "FAILED" -> FAILED;
				default -> PENDING;
			};
		}

	}

	/**
	 * Publications, the newest first.
	 * @param status only these, or all (dead letters only when asked for)
	 * @param type only events whose class's simple name is this, or all
	 */
	public CursorPage<Entry> list(@Nullable Status status, @Nullable String type, @Nullable String cursor, int limit) {
		List<String> after = Cursors.decode(cursor, 2);
		boolean dead = status == Status.DEAD;
		StringBuilder sql = new StringBuilder(dead ? """
				select id, listener_id, event_type, serialized_event, 'DEAD' as status, attempts, last_error,
				    publication_date, null::timestamptz as completion_date
				from dead_letters where replayed_at is null""" : """
				select id, listener_id, event_type, serialized_event, status, completion_attempts as attempts,
				    last_error, publication_date, completion_date
				from event_publication where true""");
		if (status != null && status.condition != null) {
			sql.append(" and ").append(status.condition);
		}
		if (type != null) {
			sql.append(" and (event_type = :type or event_type like :suffix)");
		}
		if (!after.isEmpty()) {
			sql.append(" and (publication_date, id) < (:since, :id)");
		}
		sql.append(" order by publication_date desc, id desc limit :limit");
		var query = this.jdbc.sql(sql.toString()).param("limit", limit + 1);
		if (type != null) {
			query = query.param("type", type).param("suffix", "%." + type.replace("%", "").replace("_", "\\_"));
		}
		if (!after.isEmpty()) {
			query = query.param("since", Timestamp.from(Cursors.instant(after.get(0))))
				.param("id", Cursors.uuid(after.get(1)));
		}
		List<Entry> rows = query
			.query((rs, row) -> entry(rs.getObject("id", UUID.class), rs.getString("listener_id"),
					rs.getString("event_type"), rs.getString("serialized_event"), rs.getString("status"),
					rs.getInt("attempts"), rs.getString("last_error"), instant(rs.getTimestamp("publication_date")),
					instant(rs.getTimestamp("completion_date"))))
			.list();
		return CursorPage.of(rows, limit, (entry) -> Cursors.encode(entry.publishedAt(), entry.id()));
	}

	/**
	 * Reads what the stored event says about itself; a class that no longer reads leaves
	 * blanks.
	 */
	Entry entry(UUID id, String listenerId, String eventType, String serializedEvent, @Nullable String status,
			int attempts, @Nullable String lastError, Instant publishedAt, @Nullable Instant completedAt) {
		String simpleType = eventType.substring(eventType.lastIndexOf('.') + 1);
		String aggregateId = null;
		String requestId = null;
		String traceId = null;
		UUID eventId = null;
		try {
			Object event = this.serializer.deserialize(serializedEvent, Class.forName(eventType));
			if (event instanceof DomainEvent domainEvent) {
				aggregateId = domainEvent.aggregateId();
				requestId = domainEvent.metadata().origin().requestId();
				traceId = domainEvent.metadata().origin().traceId();
				eventId = domainEvent.metadata().id();
			}
		}
		catch (ClassNotFoundException | RuntimeException ex) {
			log.debug("Stored event {} of type {} does not read", id, eventType, ex);
		}
		Status shown = "DEAD".equals(status) ? Status.DEAD : Status.of(status);
		return new Entry(id, eventId, simpleType, listener(listenerId), aggregateId, shown.name(), attempts, lastError,
				requestId, traceId, publishedAt, completedAt);
	}

	/** {@code dev.fortress.x.internal.Foo.on(dev.fortress.y.Bar)} → {@code Foo.on}. */
	public static String listener(String listenerId) {
		if (listenerId.startsWith(DeadLetters.KAFKA_CONSUMER) || listenerId.startsWith(DeadLetters.KAFKA_RELAY)) {
			return listenerId;
		}
		int paren = listenerId.indexOf('(');
		String method = (paren < 0) ? listenerId : listenerId.substring(0, paren);
		int dot = method.lastIndexOf('.');
		int classDot = (dot < 0) ? -1 : method.lastIndexOf('.', dot - 1);
		return method.substring(classDot + 1);
	}

	static @Nullable Status parseStatus(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : Status.valueOf(value.toUpperCase(Locale.ROOT));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * One delivery of one event to one listener.
	 *
	 * @param id the publication's id (a dead letter's id for {@code DEAD})
	 * @param eventId the event's own id ({@link EventMetadata#id()})
	 * @param requestId the request that caused the event
	 * @param traceId the trace of that request: the work the event caused is in it too
	 */
	public record Entry(UUID id, @Nullable UUID eventId, String type, String listener, @Nullable String aggregateId,
			String status, int attempts, @Nullable String lastError, @Nullable String requestId,
			@Nullable String traceId, Instant publishedAt, @Nullable Instant completedAt) {
	}

}
