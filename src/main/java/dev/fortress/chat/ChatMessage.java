package dev.fortress.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A message as its channel's members see it: the projection of its events.
 *
 * @param seq the position of the message's latest event in the channel's log
 * @param version how many events the message has had (1 when just posted)
 * @param reactions emoji → the users who reacted with it
 * @param moderation {@code HELD} while a moderator has not approved it (only its author
 * and ADMINs see it then), absent otherwise
 */
public record ChatMessage(UUID id, UUID channelId, UUID authorId, String text, @Nullable UUID parentId,
		List<UUID> attachmentIds, Map<String, List<UUID>> reactions, long seq, int version, Instant createdAt,
		@Nullable Instant editedAt, boolean deleted,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String moderation) {

	/** The value of {@code moderation} for a held message. */
	public static final String HELD = "HELD";

	public boolean held() {
		return HELD.equals(this.moderation);
	}

	/**
	 * The message without its text and attachments (a hidden one, as others learn of it).
	 */
	public ChatMessage redacted() {
		return new ChatMessage(this.id, this.channelId, this.authorId, "", this.parentId, List.of(), Map.of(), this.seq,
				this.version, this.createdAt, this.editedAt, this.deleted, this.moderation);
	}

}
