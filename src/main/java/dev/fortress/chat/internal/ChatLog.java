package dev.fortress.chat.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.chat.ChannelEvent;
import dev.fortress.chat.ChatMessage;
import dev.fortress.chat.internal.LoggedEvent.Payload;
import dev.fortress.chat.internal.LoggedEvent.Type;
import dev.fortress.platform.events.EventMetadata;

/**
 * Appends to a channel's log: takes the next position from the channel's counter (its row
 * lock serialises the channel's writers, so positions are total and gap-free: a rolled
 * back append gives its number back), stores the event, applies it to the views and
 * publishes it as a {@link ChannelEvent}, all in the caller's transaction.
 */
@Component
class ChatLog {

	private final Channels channels;

	private final MessageProjection projection;

	private final Messages messages;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ChatLog(Channels channels, MessageProjection projection, Messages messages, JdbcClient jdbc, JsonMapper json,
			ApplicationEventPublisher events, Clock clock) {
		this.channels = channels;
		this.projection = projection;
		this.messages = messages;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	/** Appends the event and returns the message's view after it. */
	@Transactional(propagation = Propagation.MANDATORY)
	ChatMessage append(UUID channelId, UUID messageId, Type type, UUID actorId, Payload payload) {
		long seq = this.channels.nextSeq(channelId);
		LoggedEvent event = new LoggedEvent(channelId, seq, messageId, type, actorId, payload,
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.jdbc.sql("""
				insert into chat_events (channel_id, seq, message_id, type, actor_id, payload, created_at)
				values (:channelId, :seq, :messageId, :type, :actorId, cast(:payload as jsonb), :at)
				""")
			.param("channelId", channelId)
			.param("seq", seq)
			.param("messageId", messageId)
			.param("type", type.slug())
			.param("actorId", actorId)
			.param("payload", this.json.writeValueAsString(payload))
			.param("at", Timestamp.from(event.createdAt()))
			.update();
		this.projection.apply(event);
		ChatMessage message = this.messages.find(messageId).orElseThrow();
		this.events.publishEvent(
				new ChannelEvent(channelId, seq, type.slug(), actorId, message, EventMetadata.now(this.clock)));
		return message;
	}

	/** The channel's events from a position on, in order (for a rebuild or a history). */
	List<LoggedEvent> read(UUID channelId, long fromSeq, int limit) {
		return this.jdbc.sql("""
				select * from chat_events where channel_id = :channelId and seq >= :from order by seq limit :limit
				""")
			.param("channelId", channelId)
			.param("from", fromSeq)
			.param("limit", limit)
			.query((rs, row) -> event(rs))
			.list();
	}

	/** One message's events, oldest first. */
	List<LoggedEvent> ofMessage(UUID messageId) {
		return this.jdbc.sql("select * from chat_events where message_id = :messageId order by seq")
			.param("messageId", messageId)
			.query((rs, row) -> event(rs))
			.list();
	}

	private LoggedEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new LoggedEvent(rs.getObject("channel_id", UUID.class), rs.getLong("seq"),
				rs.getObject("message_id", UUID.class), Type.of(rs.getString("type")),
				rs.getObject("actor_id", UUID.class), this.json.readValue(rs.getString("payload"), Payload.class),
				rs.getTimestamp("created_at").toInstant());
	}

}
