package dev.fortress.platform.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redis as the caches' shared second level: {@code redisUrl} ({@code FORTRESS_REDIS_URL},
 * e.g. {@code redis://127.0.0.1:6379}; empty keeps every cache in this instance's memory
 * only), the command {@code redisTimeout}, and the breaker's back-off after a failure,
 * doubling from {@code redisBackoff} up to {@code redisMaxBackoff}.
 */
@ConfigurationProperties("fortress.cache")
public record CacheProperties(@Nullable String redisUrl, Duration redisTimeout, Duration redisBackoff,
		Duration redisMaxBackoff) {

	public CacheProperties {
		redisUrl = (redisUrl == null || redisUrl.isBlank()) ? null : redisUrl.strip();
		redisTimeout = (redisTimeout == null) ? Duration.ofMillis(200) : redisTimeout;
		redisBackoff = (redisBackoff == null) ? Duration.ofSeconds(1) : redisBackoff;
		redisMaxBackoff = (redisMaxBackoff == null) ? Duration.ofSeconds(30) : redisMaxBackoff;
	}

	/** Memory only. */
	public static CacheProperties local() {
		return new CacheProperties(null, null, null, null);
	}

	/** Redis at {@code url} with the default timeout and back-off. */
	public static CacheProperties redis(String url) {
		return new CacheProperties(url, null, null, null);
	}

}
