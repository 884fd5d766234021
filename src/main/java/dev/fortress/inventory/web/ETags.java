package dev.fortress.inventory.web;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/** Reads the version out of an {@code If-Match} header ({@code "7"} or {@code W/"7"}). */
final class ETags {

	private ETags() {
	}

	static @Nullable Long version(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || "*".equals(ifMatch.trim())) {
			return null;
		}
		try {
			return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
		}
		catch (NumberFormatException ex) {
			throw new ApiException(ProblemType.PRECONDITION_FAILED, "If-Match does not match the current ETag");
		}
	}

}
