package dev.fortress.tasks.internal;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * An {@code If-Match} precondition against a version (our ETags are the version, quoted).
 * Absent or {@code *} matches anything; anything else must name the current version.
 */
public record IfMatch(@Nullable Long version) {

	public static final IfMatch ANY = new IfMatch(null);

	public static IfMatch parse(@Nullable String header) {
		if (header == null || header.isBlank() || header.strip().equals("*")) {
			return ANY;
		}
		String tag = header.strip();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		tag = tag.replace("\"", "");
		try {
			return new IfMatch(Long.parseLong(tag));
		}
		catch (NumberFormatException ex) {
			// no version of ours looks like this, so it can never match
			return new IfMatch(-1L);
		}
	}

	public boolean isAny() {
		return this.version == null;
	}

	/**
	 * @throws ApiException 412 if a version was given and it is not {@code current}
	 */
	public void check(long current) {
		if (this.version != null && this.version != current) {
			throw new ApiException(ProblemType.PRECONDITION_FAILED,
					"The resource has changed (current version " + current + "); reload it and retry");
		}
	}

}
