package dev.fortress.chat.internal;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fortress.chat.internal.LoggedEvent.Payload;

/**
 * Applies a log event to the views ({@code chat_messages}, {@code chat_reactions}). The
 * same code runs when an event is appended and when the views are rebuilt from the log
 * ({@link ViewRebuild}), which is what makes a rebuild give the same views. It trusts the
 * event: the rules were checked before it was appended.
 */
@Component
class MessageProjection {

	private final JdbcClient jdbc;

	MessageProjection(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void apply(LoggedEvent event) {
		switch (event.type()) {
			case POSTED -> posted(event);
			case EDITED -> {
				// an edit the screen held holds the message; no edit releases one
				this.jdbc
					.sql("update chat_messages set text = :text, edited_at = :at, held = held or :held where id = :id")
					.param("id", event.messageId())
					.param("text", event.payload().text())
					.param("at", Timestamp.from(event.createdAt()))
					.param("held", Boolean.TRUE.equals(event.payload().held()))
					.update();
				bump(event);
			}
			case DELETED -> {
				this.jdbc
					.sql("update chat_messages set deleted = true, text = '', attachment_ids = '{}' where id = :id")
					.param("id", event.messageId())
					.update();
				bump(event);
				this.jdbc.sql("delete from chat_reactions where message_id = :id")
					.param("id", event.messageId())
					.update();
			}
			case REACTED -> {
				this.jdbc
					.sql("""
							insert into chat_reactions (message_id, emoji, user_id, reacted_seq) values (:id, :emoji, :user, :seq)
							on conflict do nothing
							""")
					.param("id", event.messageId())
					.param("emoji", event.payload().emoji())
					.param("user", event.actorId())
					.param("seq", event.seq())
					.update();
				bump(event);
			}
			case APPROVED, HIDDEN -> {
				this.jdbc.sql("update chat_messages set held = :held where id = :id")
					.param("id", event.messageId())
					.param("held", event.type() == LoggedEvent.Type.HIDDEN)
					.update();
				bump(event);
			}
			case UNREACTED -> {
				this.jdbc
					.sql("delete from chat_reactions where message_id = :id and emoji = :emoji and user_id = :user")
					.param("id", event.messageId())
					.param("emoji", event.payload().emoji())
					.param("user", event.actorId())
					.update();
				bump(event);
			}
		}
	}

	private void posted(LoggedEvent event) {
		Payload payload = event.payload();
		List<UUID> attachments = (payload.attachmentIds() != null) ? payload.attachmentIds() : List.of();
		this.jdbc.sql("""
				insert into chat_messages (id, channel_id, author_id, parent_id, text, attachment_ids, posted_seq, seq,
				    version, created_at, held)
				values (:id, :channelId, :authorId, :parentId, :text, :attachments, :seq, :seq, 1, :at, :held)
				""")
			.param("id", event.messageId())
			.param("channelId", event.channelId())
			.param("authorId", event.actorId())
			.param("parentId", payload.parentId())
			.param("text", payload.text())
			.param("attachments", attachments.toArray(UUID[]::new))
			.param("seq", event.seq())
			.param("at", Timestamp.from(event.createdAt()))
			.param("held", Boolean.TRUE.equals(payload.held()))
			.update();
	}

	/** Moves the message to the event's position and version. */
	private void bump(LoggedEvent event) {
		this.jdbc.sql("update chat_messages set seq = :seq, version = version + 1 where id = :id")
			.param("id", event.messageId())
			.param("seq", event.seq())
			.update();
	}

}
