package dev.fortress.platform.moderation;

import java.util.UUID;

/**
 * Something a user wrote, as the screen sees it.
 *
 * @param type {@code message}, {@code comment} or {@code article}
 * @param id the item's id in its owning module
 * @param authorId who wrote it
 * @param text the text to screen (an article's title and body)
 */
public record Submission(String type, UUID id, UUID authorId, String text) {
}
