package dev.fortress.content.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.content.ArticleStatus;

/**
 * An article as stored and as returned.
 *
 * @param body the markdown source
 * @param html the body rendered to HTML and sanitised
 */
public record Article(UUID id, UUID authorId, @Nullable UUID projectId, String title, String body, String html,
		List<String> tags, ArticleStatus status, long version, Instant createdAt, Instant updatedAt,
		@Nullable Instant publishedAt) {

	public Article {
		tags = List.copyOf(tags);
	}

}
