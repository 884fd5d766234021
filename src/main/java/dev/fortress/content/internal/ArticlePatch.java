package dev.fortress.content.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.fortress.content.ArticleStatus;

/** A change to an article: a {@code null} field is left as it is. */
public record ArticlePatch(@Nullable String title, @Nullable String body, @Nullable List<String> tags,
		@Nullable ArticleStatus status) {

}
