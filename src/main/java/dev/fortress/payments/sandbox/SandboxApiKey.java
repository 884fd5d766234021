package dev.fortress.payments.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.jspecify.annotations.Nullable;

/**
 * The sandbox's credential. Presented keys are compared by their SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time a comparison takes says nothing about how
 * much of the key was right, nor how long it is.
 */
final class SandboxApiKey {

	private final byte[] expected;

	SandboxApiKey(String key) {
		this.expected = digest(key);
	}

	boolean matches(@Nullable String presented) {
		return presented != null && MessageDigest.isEqual(digest(presented), this.expected);
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
