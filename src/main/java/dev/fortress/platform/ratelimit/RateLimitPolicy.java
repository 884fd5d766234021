package dev.fortress.platform.ratelimit;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests per {@code window}, refilled smoothly. The
 * name appears in the {@code RateLimit-Policy} header. When the buckets are shared
 * through Redis and Redis cannot be reached, each instance falls back to a bucket of its
 * own with {@code outageCapacity} (at most {@code capacity}): the same for the general
 * API (fail open to the local limit), smaller for the credential endpoints (see
 * docs/adr/0051).
 */
public record RateLimitPolicy(String name, long capacity, Duration window, long outageCapacity) {

	public RateLimitPolicy {
		if (capacity < 1 || window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("A rate limit needs a positive capacity and window");
		}
		if (outageCapacity < 1 || outageCapacity > capacity) {
			throw new IllegalArgumentException("A rate limit's outage capacity must be between 1 and its capacity");
		}
	}

	/** A policy whose local fallback is the same bucket. */
	public RateLimitPolicy(String name, long capacity, Duration window) {
		this(name, capacity, window, capacity);
	}

	/** The IETF draft's {@code RateLimit-Policy} field value. */
	public String header() {
		return "\"" + this.name + "\";q=" + this.capacity + ";w=" + this.window.toSeconds();
	}

	/** The bucket each instance keeps on its own while the shared buckets are away. */
	RateLimitPolicy duringOutage() {
		return this.outageCapacity == this.capacity ? this
				: new RateLimitPolicy(this.name, this.outageCapacity, this.window, this.outageCapacity);
	}

}
