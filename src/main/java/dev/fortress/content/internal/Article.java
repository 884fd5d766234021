package dev.fortress.content.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.fortress.content.ArticleStatus;

/**
 * An article as stored and as returned.
 *
 * @param body the markdown source
 * @param html the body rendered to HTML and sanitised
 * @param moderation {@code HELD} while a moderator has not approved it (only its author
 * and ADMINs see it then, whatever its status), absent otherwise
 */
public record Article(UUID id, UUID authorId, @Nullable UUID projectId, String title, String body, String html,
		List<String> tags, ArticleStatus status, long version, Instant createdAt, Instant updatedAt,
		@Nullable Instant publishedAt, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String moderation) {

	/** The value of {@code moderation} for a held article. */
	public static final String HELD = "HELD";

	public Article {
		tags = List.copyOf(tags);
	}

	public boolean held() {
		return HELD.equals(this.moderation);
	}

}
