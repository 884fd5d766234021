package dev.fortress.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.CursorPage;

/**
 * A Relay connection: the edges of one page, each with the cursor of its position, the
 * nodes alone (for clients that need no cursors) and the page info.
 */
public record Connection<T>(List<Edge<T>> edges, List<T> nodes, PageInfo pageInfo) {

	/**
	 * The connection over a keyset list: {@code read} gives the service's page of at most
	 * {@code limit} rows after a service cursor ({@code null}: from the start). A
	 * position inside a page costs one more read, of the rows before it, whose next
	 * cursor is where the connection's page starts.
	 */
	public static <T> Connection<T> read(PageArguments arguments,
			BiFunction<@Nullable String, Integer, CursorPage<T>> read) {
		String start = arguments.pageCursor();
		if (arguments.insidePage()) {
			start = read.apply(start, arguments.skip()).nextCursor();
			if (start == null) {
				return afterTheEnd();
			}
		}
		return of(start, read.apply(start, arguments.first()));
	}

	/** The empty page after a position that nothing follows. */
	public static <T> Connection<T> afterTheEnd() {
		return new Connection<>(List.of(), List.of(), new PageInfo(false, true, null, null));
	}

	/**
	 * The connection over a page the service read after {@code start} (its keyset cursor,
	 * {@code null} for the first page): each edge's cursor is its position in that page,
	 * the last one's the page's next cursor when there is more.
	 */
	public static <T> Connection<T> of(@Nullable String start, CursorPage<T> page) {
		List<T> nodes = page.items();
		List<Edge<T>> edges = new ArrayList<>(nodes.size());
		for (int i = 0; i < nodes.size(); i++) {
			boolean lastOfPage = i == nodes.size() - 1 && page.nextCursor() != null;
			String cursor = lastOfPage ? PageArguments.cursor(page.nextCursor(), 0)
					: PageArguments.cursor(start, i + 1);
			edges.add(new Edge<>(cursor, nodes.get(i)));
		}
		return new Connection<>(List.copyOf(edges), List.copyOf(nodes),
				new PageInfo(page.nextCursor() != null, start != null, start(edges), end(edges)));
	}

	/**
	 * The connection over a list that is read whole (the comments of a task, say): its
	 * cursors are plain positions in the list.
	 */
	public static <T> Connection<T> ofList(PageArguments arguments, List<T> all) {
		if (arguments.pageCursor() != null) {
			// a cursor of a keyset page is no position in this list
			throw PageArguments.invalidCursor();
		}
		int from = Math.min(arguments.skip(), all.size());
		int to = Math.min(all.size(), from + arguments.first());
		List<T> nodes = all.subList(from, to);
		List<Edge<T>> edges = new ArrayList<>(nodes.size());
		for (int i = 0; i < nodes.size(); i++) {
			edges.add(new Edge<>(PageArguments.cursor(null, from + i + 1), nodes.get(i)));
		}
		return new Connection<>(List.copyOf(edges), List.copyOf(nodes),
				new PageInfo(to < all.size(), from > 0, start(edges), end(edges)));
	}

	public <R> Connection<R> map(Function<T, R> mapper) {
		return new Connection<>(this.edges.stream().map(e -> new Edge<>(e.cursor(), mapper.apply(e.node()))).toList(),
				this.nodes.stream().map(mapper).toList(), this.pageInfo);
	}

	private static <T> @Nullable String start(List<Edge<T>> edges) {
		return edges.isEmpty() ? null : edges.get(0).cursor();
	}

	private static <T> @Nullable String end(List<Edge<T>> edges) {
		return edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
	}

	/** One node and the cursor of the position after it. */
	public record Edge<T>(String cursor, T node) {
	}

	/** Whether there is more, and the cursors of the page's first and last edges. */
	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, @Nullable String startCursor,
			@Nullable String endCursor) {
	}

}
