package dev.fortress.platform.web;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An {@code If-Match} precondition against a version (our ETags are the version, quoted),
 * the one parser every module uses. Absent or {@code *} matches anything; otherwise one
 * of the listed tags (RFC 9110 allows a comma-separated list) must name the current
 * version.
 */
public record IfMatch(@Nullable Set<Long> versions) {

	public static final IfMatch ANY = new IfMatch(null);

	public static IfMatch parse(@Nullable String header) {
		if (header == null || header.isBlank() || header.strip().equals("*")) {
			return ANY;
		}
		Set<Long> versions = new HashSet<>();
		for (String part : header.split(",")) {
			String tag = part.strip();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			try {
				versions.add(Long.parseLong(tag.replace("\"", "")));
			}
			catch (NumberFormatException ex) {
				// no version of ours looks like this, so this tag can never match
			}
		}
		return new IfMatch(Set.copyOf(versions));
	}

	public boolean isAny() {
		return this.versions == null;
	}

	/**
	 * @throws ApiException 412 if versions were given and none is {@code current}
	 */
	public void check(long current) {
		if (this.versions != null && !this.versions.contains(current)) {
			throw new ApiException(ProblemType.PRECONDITION_FAILED,
					"The resource has changed (current version " + current + "); reload it and retry");
		}
	}

}
