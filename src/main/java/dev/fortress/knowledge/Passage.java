package dev.fortress.knowledge;

import java.util.UUID;

/**
 * A retrieved piece of text and where it comes from.
 *
 * @param type {@code task}, {@code comment}, {@code message}, {@code product} or
 * {@code article}
 * @param id the source's id
 * @param text the chunk of the source that matched
 * @param score the fused rank score: higher is better, comparable within one answer only
 */
public record Passage(String type, UUID id, String title, String text, double score) {
}
