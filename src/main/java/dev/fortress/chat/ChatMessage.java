package dev.fortress.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message as its channel's members see it: the projection of its events.
 *
 * @param seq the position of the message's latest event in the channel's log
 * @param version how many events the message has had (1 when just posted)
 * @param reactions emoji → the users who reacted with it
 */
public record ChatMessage(UUID id, UUID channelId, UUID authorId, String text, @Nullable UUID parentId,
		List<UUID> attachmentIds, Map<String, List<UUID>> reactions, long seq, int version, Instant createdAt,
		@Nullable Instant editedAt, boolean deleted) {
}
