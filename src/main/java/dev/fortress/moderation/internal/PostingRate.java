package dev.fortress.moderation.internal;

import dev.fortress.platform.ratelimit.RateLimitPolicy;
import dev.fortress.platform.moderation.Submission;
import dev.fortress.platform.ratelimit.RateLimiter;

/**
 * How fast an author writes in conversations: one token per message or comment from a
 * bucket per author in the platform's {@link RateLimiter} — in Redis when it is
 * configured, so the count holds across instances. An empty bucket does not refuse the
 * item, it holds it: a burst is what a spam script looks like, but a person pasting notes
 * should not lose them. Articles do not count: a knowledge base is written or imported in
 * bursts (250 seeded in seconds were 228 held), and an article still meets the other
 * checks.
 */
final class PostingRate {

	static final String REASON = "rate";

	private static final String ARTICLE = "article";

	private final RateLimiter limiter;

	private final RateLimitPolicy policy;

	PostingRate(RateLimiter limiter, ModerationProperties properties) {
		this.limiter = limiter;
		this.policy = new RateLimitPolicy("moderation", properties.postsPerWindow(), properties.postWindow());
	}

	/**
	 * Takes a token for the submission's author; false when they are over their rate.
	 * Always true, taking nothing, for an article.
	 */
	boolean allowed(Submission submission) {
		if (ARTICLE.equals(submission.type())) {
			return true;
		}
		return this.limiter.tryConsume("moderation:" + submission.authorId(), this.policy).allowed();
	}

}
