package dev.fortress.platform.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * In-process buckets (Bucket4j), one per policy and key, held in a bounded cache so that
 * a flood of distinct keys cannot grow memory without limit. Idle buckets are dropped
 * after their window, when they would be full again anyway.
 */
class LocalRateLimiter implements RateLimiter {

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofMinutes(30))
		.build();

	@Override
	public Decision tryConsume(String key, RateLimitPolicy policy) {
		ConsumptionProbe probe = bucket(key, policy).tryConsumeAndReturnRemaining(1);
		return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
				Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	@Override
	public boolean isExhausted(String key, RateLimitPolicy policy) {
		Bucket bucket = this.buckets.getIfPresent(policy.name() + '|' + key);
		return bucket != null && bucket.getAvailableTokens() < 1;
	}

	private Bucket bucket(String key, RateLimitPolicy policy) {
		return this.buckets.get(policy.name() + '|' + key,
				ignored -> Bucket.builder()
					.addLimit(Bandwidth.builder()
						.capacity(policy.capacity())
						.refillGreedy(policy.capacity(), policy.window())
						.build())
					.build());
	}

}
