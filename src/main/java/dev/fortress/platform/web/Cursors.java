package dev.fortress.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Opaque keyset cursors: the sort key values of the last row, joined and
 * base64url-encoded. Clients must treat them as opaque; a cursor that does not decode is
 * a {@code 400}.
 */
public final class Cursors {

	private static final char SEPARATOR = '\u001f';

	private Cursors() {
	}

	public static String encode(Object... values) {
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				joined.append(SEPARATOR);
			}
			joined.append(values[i] == null ? "" : values[i].toString());
		}
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The values of a cursor, or an empty list for none.
	 * @throws ApiException (400) if the cursor is not one this API produced with
	 * {@code expectedParts} values
	 */
	public static List<String> decode(@Nullable String cursor, int expectedParts) {
		if (cursor == null || cursor.isBlank()) {
			return List.of();
		}
		try {
			String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			List<String> parts = Arrays.asList(joined.split(String.valueOf(SEPARATOR), -1));
			if (parts.size() == expectedParts) {
				return parts;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through to the client error
		}
		throw ApiException.invalid("cursor", "is not a valid cursor");
	}

	/**
	 * A cursor value that must be an id.
	 * @throws ApiException (400) if it is not one
	 */
	public static java.util.UUID uuid(String value) {
		try {
			return java.util.UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("cursor", "is not a valid cursor");
		}
	}

	/**
	 * A cursor value that must be an instant.
	 * @throws ApiException (400) if it is not one
	 */
	public static java.time.Instant instant(String value) {
		try {
			return java.time.Instant.parse(value);
		}
		catch (java.time.DateTimeException ex) {
			throw ApiException.invalid("cursor", "is not a valid cursor");
		}
	}

}
