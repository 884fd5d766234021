package dev.fortress.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fortress.platform.Ids;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/**
 * Who did what to which resource, when, under which request id: every change an
 * administrator makes ({@link AdminActions} records them) is appended here and never
 * changed.
 */
@Component
public class AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void record(String actor, String action, String resource, int status, @Nullable String requestId) {
		this.jdbc.sql("""
				insert into audit_log (id, occurred_at, actor, action, resource, status, request_id)
				values (:id, :at, :actor, :action, :resource, :status, :requestId)
				""")
			.param("id", Ids.newId())
			.param("at", Timestamp.from(this.clock.instant()))
			.param("actor", actor)
			.param("action", action)
			.param("resource", resource)
			.param("status", status)
			.param("requestId", requestId)
			.update();
	}

	/** The newest first. */
	public CursorPage<Entry> list(@Nullable String cursor, int limit) {
		List<String> after = Cursors.decode(cursor, 1);
		var query = this.jdbc
			.sql("select id, occurred_at, actor, action, resource, status, request_id from audit_log"
					+ (after.isEmpty() ? "" : " where id < :after") + " order by id desc limit :limit")
			.param("limit", limit + 1);
		if (!after.isEmpty()) {
			query = query.param("after", Cursors.uuid(after.get(0)));
		}
		return CursorPage.of(query.query(Entry.class).list(), limit, (entry) -> Cursors.encode(entry.id()));
	}

	/**
	 * One administrative change.
	 *
	 * @param actor the administrator's user id
	 * @param action the method and route, e.g. {@code POST
	 * /api/v1/admin/dead-letters/{id}/replay}
	 * @param resource the path it was applied to
	 * @param status the HTTP status it was answered with
	 */
	public record Entry(UUID id, Instant occurredAt, String actor, String action, String resource, int status,
			@Nullable String requestId) {
	}

}
