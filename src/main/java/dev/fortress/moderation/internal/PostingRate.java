package dev.fortress.moderation.internal;

import java.util.UUID;

import dev.fortress.platform.ratelimit.RateLimitPolicy;
import dev.fortress.platform.ratelimit.RateLimiter;

/**
 * How fast an author submits: one token per message, comment or article from a bucket per
 * author in the platform's {@link RateLimiter} — in Redis when it is configured, so the
 * count holds across instances. An empty bucket does not refuse the item, it holds it: a
 * burst is what a spam script looks like, but a person pasting notes should not lose
 * them.
 */
final class PostingRate {

	static final String REASON = "rate";

	private final RateLimiter limiter;

	private final RateLimitPolicy policy;

	PostingRate(RateLimiter limiter, ModerationProperties properties) {
		this.limiter = limiter;
		this.policy = new RateLimitPolicy("moderation", properties.postsPerWindow(), properties.postWindow());
	}

	/** Takes a token for the author; false when they are over their rate. */
	boolean allowed(UUID authorId) {
		return this.limiter.tryConsume("moderation:" + authorId, this.policy).allowed();
	}

}
