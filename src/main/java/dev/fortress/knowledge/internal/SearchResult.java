package dev.fortress.knowledge.internal;

import java.util.UUID;

/**
 * One source found, with the chunk that matched it best.
 *
 * @param snippet the best chunk's text, shortened
 * @param score the fused score (reciprocal rank fusion) or, for related items, the cosine
 * similarity
 */
public record SearchResult(String type, UUID id, String title, String snippet, double score) {
}
