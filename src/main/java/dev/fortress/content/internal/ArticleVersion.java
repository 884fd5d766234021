package dev.fortress.content.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fortress.content.ArticleStatus;

/**
 * One version of an article: its content after a change.
 *
 * @param diff the body's changes since the previous version, one line each prefixed with
 * {@code "+ "} or {@code "- "} (empty for the first version)
 */
public record ArticleVersion(long version, String title, String body, List<String> tags, ArticleStatus status,
		UUID editedBy, Instant createdAt, List<String> diff) {

	public ArticleVersion {
		tags = List.copyOf(tags);
		diff = List.copyOf(diff);
	}

}
