package dev.fortress.payments.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in sandbox provider, bound from {@code fortress.payments.sandbox.*}.
 *
 * @param enabled whether this application runs the sandbox
 * @param apiKey the key callers must present in {@code X-Api-Key}; when blank a random
 * one is generated at start-up (the in-process client is handed it directly), so no key
 * is ever written down
 * @param port the loopback port the sandbox listens on; 0 picks a free one
 * @param threads the sandbox's own worker threads: its requests never wait for a thread
 * of the API's server
 * @param poolSize the sandbox's own database connections: its requests never wait behind
 * the API's requests for one
 * @param slowDelay how long {@code tok_slow} makes an authorisation take (10 s, longer
 * than any client timeout; tests shorten it)
 * @param keyLease how long an idempotency key stays locked by a request in flight, so a
 * request that died mid-way does not block its key forever
 */
@ConfigurationProperties("fortress.payments.sandbox")
record SandboxProperties(Boolean enabled, String apiKey, Integer port, Integer threads, Integer poolSize,
		Duration slowDelay, Duration keyLease) {

	/** Shorter keys can be guessed; a generated key has 32 random bytes. */
	static final int MIN_API_KEY_LENGTH = 24;

	SandboxProperties {
		enabled = enabled == null || enabled;
		apiKey = apiKey == null || apiKey.isBlank() ? generatedKey() : apiKey.strip();
		port = port == null ? 0 : port;
		threads = threads == null ? 48 : threads;
		poolSize = poolSize == null ? 10 : poolSize;
		slowDelay = slowDelay == null ? Duration.ofSeconds(10) : slowDelay;
		keyLease = keyLease == null ? Duration.ofSeconds(60) : keyLease;
		if (apiKey.length() < MIN_API_KEY_LENGTH) {
			throw new IllegalArgumentException("fortress.payments.sandbox.api-key must have at least "
					+ MIN_API_KEY_LENGTH + " characters; leave it empty to have one generated");
		}
		if (port < 0 || port > 65_535) {
			throw new IllegalArgumentException("fortress.payments.sandbox.port must be between 0 and 65535");
		}
		if (threads < 1 || poolSize < 1) {
			throw new IllegalArgumentException("fortress.payments.sandbox.threads and pool-size must be positive");
		}
		if (keyLease.compareTo(slowDelay) <= 0) {
			throw new IllegalArgumentException("fortress.payments.sandbox.key-lease must outlast slow-delay");
		}
	}

	private static String generatedKey() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return "sk_sandbox_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	@Override
	public String toString() {
		// The key must not end up in a log through a debug print of the settings.
		return "SandboxProperties[enabled=" + this.enabled + ", port=" + this.port + ", threads=" + this.threads
				+ ", poolSize=" + this.poolSize + ", slowDelay=" + this.slowDelay + ", keyLease=" + this.keyLease + "]";
	}

}
