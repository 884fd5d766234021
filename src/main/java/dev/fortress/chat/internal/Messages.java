package dev.fortress.chat.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.chat.ChatMessage;
import dev.fortress.identity.CurrentUser;

/** Reads the message views (the projections of the channels' logs). */
@Repository
class Messages {

	private static final String COLUMNS = "id, channel_id, author_id, parent_id, text, attachment_ids, posted_seq, seq, "
			+ "version, created_at, edited_at, deleted, held";

	/**
	 * Who sees a message: everyone who reads the channel, or, while it is held, its
	 * author and ADMINs. Binds {@code :viewer} and {@code :admin}.
	 */
	static final String VISIBLE = "(not held or author_id = :viewer or :admin)";

	private final JdbcClient jdbc;

	Messages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ChatMessage> find(UUID id) {
		List<Row> rows = this.jdbc.sql("select " + COLUMNS + " from chat_messages where id = :id")
			.param("id", id)
			.query(Messages::row)
			.list();
		return withReactions(rows).stream().findFirst();
	}

	/** The message's place in its channel, if it is a message of that channel. */
	Optional<Long> postedSeq(UUID channelId, UUID messageId) {
		return this.jdbc.sql("select posted_seq from chat_messages where id = :id and channel_id = :channelId")
			.param("id", messageId)
			.param("channelId", channelId)
			.query(Long.class)
			.optional();
	}

	/**
	 * Whether replies may be posted to the message: a live, top-level one of the channel.
	 */
	boolean isThreadStart(UUID channelId, UUID messageId) {
		return this.jdbc.sql("""
				select count(*) from chat_messages
				where id = :id and channel_id = :channelId and parent_id is null and not deleted and not held
				""").param("id", messageId).param("channelId", channelId).query(Integer.class).single() == 1;
	}

	/**
	 * A page of a channel's top-level messages, or of one thread's replies, newest first:
	 * those before a position (older), or the ones right after a position (newer), or the
	 * newest. Held messages are in it for their author and ADMINs only.
	 */
	List<ChatMessage> page(UUID channelId, @Nullable UUID parentId, @Nullable Long before, @Nullable Long after,
			int limit, CurrentUser viewer) {
		String scope = ((parentId != null) ? "parent_id = :parentId" : "channel_id = :channelId and parent_id is null")
				+ " and " + VISIBLE;
		String sql;
		if (after != null) {
			sql = "select * from (select " + COLUMNS + " from chat_messages where " + scope
					+ " and posted_seq > :after order by posted_seq limit :limit) newer order by posted_seq desc";
		}
		else {
			sql = "select " + COLUMNS + " from chat_messages where " + scope
					+ ((before != null) ? " and posted_seq < :before" : "") + " order by posted_seq desc limit :limit";
		}
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql)
			.param("limit", limit)
			.param("viewer", viewer.id())
			.param("admin", viewer.isAdmin());
		statement = (parentId != null) ? statement.param("parentId", parentId)
				: statement.param("channelId", channelId);
		if (after != null) {
			statement = statement.param("after", after);
		}
		else if (before != null) {
			statement = statement.param("before", before);
		}
		return withReactions(statement.query(Messages::row).list());
	}

	private List<ChatMessage> withReactions(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<UUID, Map<String, List<UUID>>> reactions = reactions(rows.stream().map(Row::id).toList());
		List<ChatMessage> messages = new ArrayList<>(rows.size());
		for (Row row : rows) {
			messages.add(row.toMessage(reactions.getOrDefault(row.id(), Map.of())));
		}
		return messages;
	}

	/** Emoji → users, in the order of the reactions, for each of these messages. */
	private Map<UUID, Map<String, List<UUID>>> reactions(Collection<UUID> messageIds) {
		Map<UUID, Map<String, List<UUID>>> reactions = new LinkedHashMap<>();
		this.jdbc.sql("""
				select message_id, emoji, user_id from chat_reactions where message_id = any(:ids)
				order by message_id, reacted_seq, emoji, user_id
				""").param("ids", messageIds.toArray(UUID[]::new)).query((rs) -> {
			reactions.computeIfAbsent(rs.getObject("message_id", UUID.class), (id) -> new LinkedHashMap<>())
				.computeIfAbsent(rs.getString("emoji"), (emoji) -> new ArrayList<>())
				.add(rs.getObject("user_id", UUID.class));
		});
		return reactions;
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		Timestamp edited = rs.getTimestamp("edited_at");
		return new Row(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class),
				rs.getObject("author_id", UUID.class), rs.getString("text"), rs.getObject("parent_id", UUID.class),
				uuids(rs.getArray("attachment_ids")), rs.getLong("seq"), rs.getInt("version"),
				rs.getTimestamp("created_at").toInstant(), (edited != null) ? edited.toInstant() : null,
				rs.getBoolean("deleted"), rs.getBoolean("held"));
	}

	static List<UUID> uuids(Array array) throws SQLException {
		return Arrays.asList((UUID[]) array.getArray());
	}

	/** A row of the view, before its reactions are added. */
	private record Row(UUID id, UUID channelId, UUID authorId, String text, @Nullable UUID parentId,
			List<UUID> attachmentIds, long seq, int version, java.time.Instant createdAt,
			java.time.@Nullable Instant editedAt, boolean deleted, boolean held) {

		ChatMessage toMessage(Map<String, List<UUID>> reactions) {
			return new ChatMessage(this.id, this.channelId, this.authorId, this.text, this.parentId,
					List.copyOf(this.attachmentIds), reactions, this.seq, this.version, this.createdAt, this.editedAt,
					this.deleted, this.held ? ChatMessage.HELD : null);
		}

	}

}
