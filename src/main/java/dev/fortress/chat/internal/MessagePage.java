package dev.fortress.chat.internal;

import java.util.List;

import dev.fortress.chat.ChatMessage;

/**
 * A page of messages, newest first.
 *
 * @param hasMore whether there are more in the direction paged (older for {@code before}
 * or the first page, newer for {@code after})
 */
public record MessagePage(List<ChatMessage> items, boolean hasMore) {
}
