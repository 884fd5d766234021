package dev.fortress.knowledge.answers;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of answers ({@code fortress.answers}).
 *
 * @param passages how many passages are retrieved per question (before the budget)
 * @param promptTokens the estimated tokens the prompt (instructions, sources, question)
 * may use: lower-ranked passages are dropped, the last one trimmed, to fit
 * @param maxOutputTokens the most tokens an answer may use
 * @param cacheSize answers kept in this instance's cache
 * @param cacheTtl how long a cached answer is kept
 * @param threads answers generated at once by this instance
 * @param queue answers waiting for a thread before further ones are refused with 503
 */
@ConfigurationProperties("fortress.answers")
public record AnswerProperties(@Nullable Integer passages, @Nullable Integer promptTokens,
		@Nullable Integer maxOutputTokens, @Nullable Long cacheSize, @Nullable Duration cacheTtl,
		@Nullable Integer threads, @Nullable Integer queue) {

	public AnswerProperties {
		passages = passages == null ? 8 : Math.max(1, Math.min(50, passages));
		promptTokens = promptTokens == null ? 3000 : Math.max(500, promptTokens);
		maxOutputTokens = maxOutputTokens == null ? 512 : Math.max(16, maxOutputTokens);
		cacheSize = cacheSize == null ? 10_000L : cacheSize;
		cacheTtl = cacheTtl == null ? Duration.ofHours(1) : cacheTtl;
		threads = threads == null ? 8 : Math.max(1, threads);
		queue = queue == null ? 32 : Math.max(0, queue);
	}

}
