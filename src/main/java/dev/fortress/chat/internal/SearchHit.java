package dev.fortress.chat.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message that matches a search.
 *
 * @param snippet the best fragments of its text, HTML-escaped, with the matched words in
 * {@code <mark>}
 * @param rank how well it matches (higher is better)
 */
public record SearchHit(UUID messageId, UUID channelId, UUID authorId, @Nullable UUID parentId, Instant createdAt,
		String snippet, float rank) {
}
