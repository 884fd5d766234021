package dev.fortress.chat.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of search hits, best first, and the cursor of the next page (null at the end).
 */
public record SearchPage(List<SearchHit> items, @Nullable String nextCursor) {
}
