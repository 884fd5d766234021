package dev.fortress.platform.ratelimit;

import java.time.Duration;

/**
 * Token buckets keyed by caller. The default keeps them in process; a shared backend
 * (Redis) can replace it for a multi-instance deployment without touching callers.
 */
public interface RateLimiter {

	/** Takes one token from the caller's bucket if there is one. */
	Decision tryConsume(String key, RateLimitPolicy policy);

	/** Whether the caller's bucket is empty, without taking a token. */
	boolean isExhausted(String key, RateLimitPolicy policy);

	/**
	 * The outcome of one attempt: allowed or not, tokens left and when the next one
	 * comes.
	 */
	record Decision(boolean allowed, long remaining, Duration retryAfter) {

		/** The IETF draft's {@code RateLimit} field value for this decision. */
		public String header(RateLimitPolicy policy) {
			long reset = Math.max(this.allowed ? 0 : 1, (this.retryAfter.toMillis() + 999) / 1000);
			// concatenated, not String.formatted: this runs on every limited request
			return "\"" + policy.name() + "\";r=" + this.remaining + ";t=" + reset;
		}

	}

}
