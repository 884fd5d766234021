package dev.fortress.payments.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in sandbox provider, bound from {@code fortress.payments.sandbox.*}.
 *
 * @param enabled whether this application serves the sandbox under
 * {@code /sandbox-psp/v1}
 * @param apiKey the key callers must present in {@code X-Api-Key}
 * @param slowDelay how long {@code tok_slow} makes an authorisation take (10 s, longer
 * than any client timeout; tests shorten it)
 * @param keyLease how long an idempotency key stays locked by a request in flight, so a
 * request that died mid-way does not block its key forever
 */
@ConfigurationProperties("fortress.payments.sandbox")
record SandboxProperties(Boolean enabled, String apiKey, Duration slowDelay, Duration keyLease) {

	static final String DEFAULT_API_KEY = "sk_sandbox_fortress";

	SandboxProperties {
		enabled = enabled == null || enabled;
		apiKey = apiKey == null || apiKey.isBlank() ? DEFAULT_API_KEY : apiKey;
		slowDelay = slowDelay == null ? Duration.ofSeconds(10) : slowDelay;
		keyLease = keyLease == null ? Duration.ofSeconds(60) : keyLease;
		if (keyLease.compareTo(slowDelay) <= 0) {
			throw new IllegalArgumentException("fortress.payments.sandbox.key-lease must outlast slow-delay");
		}
	}

}
