package dev.fortress.knowledge.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the knowledge module ({@code fortress.knowledge}).
 *
 * @param poll how often the index looks for logged changes: the floor of its lag
 * @param duplicateSimilarity the cosine similarity from which a BUG is suggested as a
 * possible duplicate of another
 * @param minSimilarity the cosine similarity below which a nearest neighbour is not a
 * search result: nearest-neighbour search always returns k chunks, related or not
 */
@ConfigurationProperties("fortress.knowledge")
record KnowledgeProperties(Duration poll, double duplicateSimilarity, double minSimilarity) {

	KnowledgeProperties {
		poll = poll == null ? Duration.ofMillis(200) : poll;
		duplicateSimilarity = duplicateSimilarity == 0 ? 0.8 : duplicateSimilarity;
	}

}
