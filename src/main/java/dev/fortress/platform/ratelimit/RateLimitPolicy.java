package dev.fortress.platform.ratelimit;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests per {@code window}, refilled smoothly. The
 * name appears in the {@code RateLimit-Policy} header.
 */
public record RateLimitPolicy(String name, long capacity, Duration window) {

	public RateLimitPolicy {
		if (capacity < 1 || window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("A rate limit needs a positive capacity and window");
		}
	}

	/** The IETF draft's {@code RateLimit-Policy} field value. */
	public String header() {
		return "\"" + this.name + "\";q=" + this.capacity + ";w=" + this.window.toSeconds();
	}

}
