package dev.fortress.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;

/**
 * The {@code first} and {@code after} arguments of a connection field, checked and
 * decoded. Connections page forward only, as the keyset pages of the REST API do.
 * <p>
 * A GraphQL cursor names a position as the service's own keyset cursor of a page start
 * plus how many rows of that page lie before the position ({@code skip}). That gives
 * every edge a cursor, not only the last one of a page, without a second copy of each
 * list's keyset rules. Resuming after an edge in the middle of a page first reads the
 * {@code skip} rows to learn the keyset cursor after them ({@link Connection#read}), so
 * the next page starts at a real keyset position again and {@code skip} never exceeds a
 * page ({@link #MAX_FIRST}). For a list read whole ({@link Connection#ofList}) there is
 * no page cursor and {@code skip} is the position in the list.
 *
 * @param first how many edges the caller wants (1 to {@link #MAX_FIRST})
 * @param pageCursor the service cursor of the page the position is in ({@code null}: the
 * first page)
 * @param skip rows of that page before the position
 */
public record PageArguments(int first, @Nullable String pageCursor, int skip) {

	/** The most edges one connection field returns. */
	public static final int MAX_FIRST = 100;

	/** What {@code first} is when the caller does not say. */
	public static final int DEFAULT_FIRST = 20;

	private static final String PREFIX = "c1:";

	/**
	 * @throws ApiException 400 validation-error for {@code first} out of range or a
	 * cursor this API did not make
	 */
	public static PageArguments of(@Nullable Integer first, @Nullable String after) {
		int size = first == null ? DEFAULT_FIRST : first;
		if (size < 1 || size > MAX_FIRST) {
			throw ApiException.invalid("first", "must be between 1 and " + MAX_FIRST);
		}
		if (after == null || after.isEmpty()) {
			return new PageArguments(size, null, 0);
		}
		String decoded;
		try {
			decoded = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalidCursor();
		}
		int colon = decoded.indexOf(':', PREFIX.length());
		if (!decoded.startsWith(PREFIX) || colon < 0) {
			throw invalidCursor();
		}
		int skip;
		try {
			skip = Integer.parseInt(decoded.substring(PREFIX.length(), colon));
		}
		catch (NumberFormatException ex) {
			throw invalidCursor();
		}
		if (skip < 0) {
			throw invalidCursor();
		}
		String page = decoded.substring(colon + 1);
		return new PageArguments(size, page.isEmpty() ? null : page, skip);
	}

	/**
	 * Whether the position lies inside a keyset page, so the rows before it must be read
	 * first.
	 * @throws ApiException 400 for a cursor that skips more than a page (not one of ours)
	 */
	public boolean insidePage() {
		if (this.skip > MAX_FIRST) {
			throw invalidCursor();
		}
		return this.skip > 0;
	}

	static String cursor(@Nullable String pageCursor, int skip) {
		String text = PREFIX + skip + ":" + (pageCursor == null ? "" : pageCursor);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	static ApiException invalidCursor() {
		return ApiException.invalid("after", "is not a cursor of this connection");
	}

}
