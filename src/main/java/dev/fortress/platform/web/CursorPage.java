package dev.fortress.platform.web;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paginated list, as the API returns it: the items and an opaque
 * cursor for the next page, {@code null} on the last one.
 */
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

	/**
	 * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only
	 * proves there is more, and the cursor points after the last row that is returned.
	 */
	public static <T> CursorPage<T> of(List<T> rows, int limit, Function<T, String> cursorOf) {
		if (rows.size() <= limit) {
			return new CursorPage<>(List.copyOf(rows), null);
		}
		List<T> items = List.copyOf(rows.subList(0, limit));
		return new CursorPage<>(items, cursorOf.apply(items.get(limit - 1)));
	}

	public <R> CursorPage<R> map(Function<T, R> mapper) {
		return new CursorPage<>(this.items.stream().map(mapper).toList(), this.nextCursor);
	}

}
