package dev.fortress.platform.blob;

import java.util.regex.Pattern;

/**
 * The keys every store accepts: letters, digits, {@code -}, {@code _} and {@code .} in
 * segments separated by {@code /}, no segment {@code .} or {@code ..}. The application
 * chooses keys, but a store still refuses one that could leave its directory or bucket
 * prefix, whatever a bug upstream might pass.
 */
final class BlobKeys {

	private static final Pattern KEY = Pattern
		.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}){0,7}");

	private BlobKeys() {
	}

	static String check(String key) {
		if (!KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("Not a blob key: " + key);
		}
		return key;
	}

}
