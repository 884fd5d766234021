package dev.fortress.content.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.fortress.content.ArticleStatus;
import dev.fortress.content.internal.ArticlePatch;

/**
 * Request bodies of the article endpoints. Unknown fields (id, authorId, version…) are
 * rejected by the JSON reader. Text may not contain NUL, which PostgreSQL cannot store.
 */
final class ArticleRequests {

	static final String NO_NUL = "[^\\x00]*";

	static final String TAG = "\\s*[A-Za-z0-9][A-Za-z0-9-]{0,49}\\s*";

	private ArticleRequests() {
	}

	record CreateArticle(
			@NotBlank @Size(max = 200) @Pattern(regexp = NO_NUL,
					message = "must not contain NUL characters") String title,
			@NotNull @Size(max = 100_000) @Pattern(regexp = NO_NUL,
					message = "must not contain NUL characters") String body,
			@Size(max = 20) @Nullable List<@NotNull @Pattern(regexp = TAG,
					message = "must be 1-50 letters, digits or dashes") String> tags,
			@Nullable UUID projectId, @Nullable ArticleStatus status) {

		List<String> normalisedTags() {
			return normalise(this.tags);
		}

	}

	record PatchArticle(
			@Size(min = 1, max = 200) @Pattern(regexp = "(?s)[^\\x00]*\\S[^\\x00]*",
					message = "must not be blank or contain NUL characters") @Nullable String title,
			@Size(max = 100_000) @Pattern(regexp = NO_NUL,
					message = "must not contain NUL characters") @Nullable String body,
			@Size(max = 20) @Nullable List<@NotNull @Pattern(regexp = TAG,
					message = "must be 1-50 letters, digits or dashes") String> tags,
			@Nullable ArticleStatus status) {

		ArticlePatch toPatch() {
			return new ArticlePatch(this.title, this.body, this.tags == null ? null : normalise(this.tags),
					this.status);
		}

	}

	record Revert(@NotNull @Positive Long version) {
	}

	/** Tags compare case-insensitively and a repeated tag counts once. */
	static List<String> normalise(@Nullable List<String> tags) {
		if (tags == null) {
			return List.of();
		}
		LinkedHashSet<String> distinct = new LinkedHashSet<>();
		tags.forEach(tag -> distinct.add(tag.strip().toLowerCase(Locale.ROOT)));
		return List.copyOf(distinct);
	}

}
