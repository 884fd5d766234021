package dev.fortress.moderation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.moderation.internal.ModerationItem.Status;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/** The queue ({@code moderation_items}). */
@Repository
class ModerationItems {

	static final int EXCERPT_LENGTH = 280;

	private final JdbcClient jdbc;

	ModerationItems(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Queues an item as held, unless it is already waiting (an article held again on an
	 * edit keeps its first entry).
	 */
	void hold(ModerationItem item) {
		this.jdbc.sql("""
				insert into moderation_items (id, type, source_id, author_id, excerpt, reasons, status, created_at)
				values (:id, :type, :sourceId, :authorId, :excerpt, :reasons, 'HELD', :createdAt)
				on conflict (type, source_id) where status = 'HELD' do nothing
				""")
			.param("id", item.id())
			.param("type", item.type())
			.param("sourceId", item.sourceId())
			.param("authorId", item.authorId())
			.param("excerpt", item.excerpt())
			.param("reasons", item.reasons().toArray(String[]::new))
			.param("createdAt", Timestamp.from(item.createdAt()))
			.update();
	}

	/** The entry under its row lock: what a decision is made on. */
	Optional<ModerationItem> findForUpdate(UUID id) {
		return this.jdbc.sql("select * from moderation_items where id = :id for update")
			.param("id", id)
			.query(ModerationItems::item)
			.optional();
	}

	void decide(UUID id, Status status, UUID moderatorId, Instant at) {
		this.jdbc.sql("""
				update moderation_items set status = :status, decided_by = :moderator, decided_at = :at where id = :id
				""")
			.param("id", id)
			.param("status", status.name())
			.param("moderator", moderatorId)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The entries with a status, newest first, after the cursor. */
	CursorPage<ModerationItem> list(Status status, @Nullable String cursor, int limit) {
		List<String> after = Cursors.decode(cursor, 2);
		Timestamp afterAt = after.isEmpty() ? null : Timestamp.from(Cursors.instant(after.get(0)));
		UUID afterId = after.isEmpty() ? null : Cursors.uuid(after.get(1));
		List<ModerationItem> rows = this.jdbc.sql("""
				select * from moderation_items
				where status = :status
				  and (cast(:afterAt as timestamptz) is null or (created_at, id) < (:afterAt, :afterId))
				order by created_at desc, id desc
				limit :limit
				""")
			.param("status", status.name())
			.param("afterAt", afterAt)
			.param("afterId", afterId)
			.param("limit", limit + 1)
			.query(ModerationItems::item)
			.list();
		return CursorPage.of(rows, limit, item -> Cursors.encode(item.createdAt(), item.id()));
	}

	private static ModerationItem item(ResultSet rs, int row) throws SQLException {
		Timestamp decided = rs.getTimestamp("decided_at");
		return new ModerationItem(rs.getObject("id", UUID.class), rs.getString("type"),
				rs.getObject("source_id", UUID.class), rs.getObject("author_id", UUID.class), rs.getString("excerpt"),
				Arrays.asList((String[]) rs.getArray("reasons").getArray()), Status.valueOf(rs.getString("status")),
				rs.getTimestamp("created_at").toInstant(), rs.getObject("decided_by", UUID.class),
				decided == null ? null : decided.toInstant());
	}

	static String excerpt(String text) {
		String stripped = text.strip();
		return stripped.length() <= EXCERPT_LENGTH ? stripped : stripped.substring(0, EXCERPT_LENGTH - 1) + "…";
	}

}
