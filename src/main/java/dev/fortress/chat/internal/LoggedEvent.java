package dev.fortress.chat.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One event of a channel's log, as stored in {@code chat_events}: what happened to which
 * message, by whom, at which position. The views are nothing but these events applied in
 * order ({@link MessageProjection}).
 */
record LoggedEvent(UUID channelId, long seq, UUID messageId, Type type, UUID actorId, Payload payload,
		Instant createdAt) {

	enum Type {

		POSTED, EDITED, DELETED, REACTED, UNREACTED,
		/** A held message was approved by a moderator: it becomes visible. */
		APPROVED,
		/** A visible message was hidden (held again) after a later check flagged it. */
		HIDDEN;

		String slug() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static Type of(String slug) {
			return valueOf(slug.toUpperCase(java.util.Locale.ROOT));
		}

	}

	/**
	 * What an event adds to its type: the text (posted, edited), the thread and the
	 * attachments (posted), whether the screen held the text (posted, edited), the emoji
	 * (reacted, unreacted).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Payload(@Nullable String text, @Nullable UUID parentId, @Nullable List<UUID> attachmentIds,
			@Nullable String emoji, @Nullable Boolean held) {

		static Payload posted(String text, @Nullable UUID parentId, List<UUID> attachmentIds, boolean held) {
			// absent rather than false, so the events of unscreened posts read as before
			return new Payload(text, parentId, attachmentIds, null, held ? Boolean.TRUE : null);
		}

		static Payload edited(String text, boolean held) {
			return new Payload(text, null, null, null, held ? Boolean.TRUE : null);
		}

		static Payload none() {
			return new Payload(null, null, null, null, null);
		}

		static Payload reaction(String emoji) {
			return new Payload(null, null, null, emoji, null);
		}

	}

}
