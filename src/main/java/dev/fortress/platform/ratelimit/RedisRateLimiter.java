package dev.fortress.platform.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import dev.fortress.platform.redis.RedisLink;

/**
 * Token buckets shared by every instance: Bucket4j's compare-and-swap buckets in Redis,
 * one key per policy and caller ({@code fortress:rate-limit:<policy>:<key>}, expiring
 * once the bucket would be full again), so a limit holds however many instances serve the
 * caller. Each decision costs two round trips (a GET, then a compare-and-set script); one
 * caller's concurrent decisions in this instance are batched into one.
 * <p>
 * When Redis cannot answer (not connected yet, a failure, a command timeout, or the
 * link's breaker open after one), the decision is taken by a bucket in this instance,
 * {@link RateLimitPolicy#duringOutage()}: the general API keeps its limit per instance
 * (fail open to the local bucket: an outage of a shared counter must not take the API
 * down), the credential endpoints a smaller one (fail closed to a conservative local
 * bucket: password guessing must not get N instances' worth of attempts). See
 * docs/adr/0051.
 */
class RedisRateLimiter implements RateLimiter {

	private static final String PREFIX = "fortress:rate-limit:";

	/**
	 * Compare-and-set attempts lost to other instances before this decision is taken
	 * locally (each costs a round trip; losing this many means a storm on one key).
	 */
	private static final int MAX_CAS_RETRIES = 8;

	private final RedisLink redis;

	private final LocalRateLimiter local = new LocalRateLimiter();

	private final Map<RateLimitPolicy, Supplier<BucketConfiguration>> configurations = new ConcurrentHashMap<>();

	private final Cache<String, BucketProxy> proxies = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofMinutes(30))
		.build();

	private final Counter fallbacks;

	/** Built once the link first connects; Lettuce reconnects the same connection. */
	private volatile @Nullable ProxyManager<String> buckets;

	RedisRateLimiter(RedisLink redis, MeterRegistry meters) {
		this.redis = redis;
		this.fallbacks = Counter.builder("fortress.rate-limit.local-fallback")
			.description("Rate-limit decisions taken by this instance's own buckets because Redis could not answer")
			.register(meters);
	}

	@Override
	public Decision tryConsume(String key, RateLimitPolicy policy) {
		ProxyManager<String> shared = buckets();
		if (shared != null && this.redis.mayCall()) {
			try {
				ConsumptionProbe probe = bucket(shared, key, policy).tryConsumeAndReturnRemaining(1);
				this.redis.succeeded();
				return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
						Duration.ofNanos(probe.getNanosToWaitForRefill()));
			}
			catch (RuntimeException ex) {
				this.redis.failed(ex);
			}
		}
		this.fallbacks.increment();
		return this.local.tryConsume(key, policy.duringOutage());
	}

	@Override
	public boolean isExhausted(String key, RateLimitPolicy policy) {
		ProxyManager<String> shared = buckets();
		if (shared != null && this.redis.mayCall()) {
			try {
				boolean exhausted = bucket(shared, key, policy).getAvailableTokens() < 1;
				this.redis.succeeded();
				return exhausted;
			}
			catch (RuntimeException ex) {
				this.redis.failed(ex);
			}
		}
		this.fallbacks.increment();
		return this.local.isExhausted(key, policy.duringOutage());
	}

	/** Decisions taken locally so far (for tests). */
	double fallbacks() {
		return this.fallbacks.count();
	}

	/**
	 * The caller's proxy, kept (bounded, like the local buckets) so that concurrent
	 * requests of one caller in this instance are batched into one round trip instead of
	 * competing compare-and-set attempts on one key.
	 */
	private BucketProxy bucket(ProxyManager<String> shared, String key, RateLimitPolicy policy) {
		String redisKey = PREFIX + policy.name() + ':' + key;
		return this.proxies.get(redisKey,
				k -> shared.builder().withOptimization(Optimizations.batching()).build(k, configuration(policy)));
	}

	private Supplier<BucketConfiguration> configuration(RateLimitPolicy policy) {
		return this.configurations.computeIfAbsent(policy, p -> {
			BucketConfiguration configuration = BucketConfiguration.builder()
				.addLimit(Bandwidth.builder().capacity(p.capacity()).refillGreedy(p.capacity(), p.window()).build())
				.build();
			return () -> configuration;
		});
	}

	private @Nullable ProxyManager<String> buckets() {
		ProxyManager<String> built = this.buckets;
		if (built == null) {
			StatefulRedisConnection<String, byte[]> connection = this.redis.connection();
			if (connection == null) {
				return null;
			}
			synchronized (this) {
				built = this.buckets;
				if (built == null) {
					built = Bucket4jLettuce.casBasedBuilder(connection)
						.expirationAfterWrite(ExpirationAfterWriteStrategy
							.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
						.requestTimeout(this.redis.timeout())
						.maxRetries(MAX_CAS_RETRIES)
						.build();
					this.buckets = built;
				}
			}
		}
		return built;
	}

}
