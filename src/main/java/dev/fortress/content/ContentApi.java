package dev.fortress.content;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The content module's facade for other modules (the knowledge index). */
public interface ContentApi {

	/**
	 * The article as stored now, without an access check; empty if it does not exist or
	 * is held for a moderator.
	 */
	Optional<ArticleText> article(UUID articleId);

	/** Ids of every article after the given one (in id order), for a re-index. */
	List<UUID> articleIds(@Nullable UUID after, int limit);

	/**
	 * An article's text and the facts that decide who may read it.
	 *
	 * @param projectId its project, {@code null} for a workspace article
	 * @param body the markdown source
	 */
	record ArticleText(UUID id, UUID authorId, @Nullable UUID projectId, ArticleStatus status, String title,
			String body, List<String> tags, long version) {
	}

}
