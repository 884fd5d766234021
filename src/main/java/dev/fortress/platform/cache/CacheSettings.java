package dev.fortress.platform.cache;

import java.time.Duration;

/**
 * What one named cache keeps and for how long.
 *
 * @param name the cache's name: its metrics' {@code cache} tag, its Redis key prefix and
 * the name its invalidations travel under
 * @param ttl how long a found value is kept; {@link Duration#ZERO} turns the cache off
 * (every read loads)
 * @param jitter the fraction (0–0.5) by which each entry's TTL is shortened at random, so
 * entries loaded together by a crowd do not all expire in the same instant
 * @param negativeTtl how long "there is no such item" is kept (short: a missing item is
 * usually about to be created, or a probe)
 * @param maximumSize entries kept in this instance's memory
 * @param loadTimeout how long a reader waits for another reader's load of the same key
 * before it reads the database itself
 * @param shared whether found values are also kept in Redis, as JSON, for every instance
 * (only when {@code FORTRESS_REDIS_URL} is set); keys are then their {@code toString()}
 */
public record CacheSettings(String name, Duration ttl, double jitter, Duration negativeTtl, long maximumSize,
		Duration loadTimeout, boolean shared) {

	public CacheSettings {
		if (!name.matches("[a-z][a-z0-9-]{0,40}")) {
			throw new IllegalArgumentException("cache name must be lower-case letters, digits and '-': " + name);
		}
		if (ttl.isNegative() || negativeTtl.isNegative() || negativeTtl.compareTo(ttl) > 0 && !ttl.isZero()) {
			throw new IllegalArgumentException("TTLs must be >= 0 and the negative TTL at most the TTL");
		}
		if (jitter < 0 || jitter > 0.5) {
			throw new IllegalArgumentException("jitter must be between 0 and 0.5");
		}
	}

	/**
	 * A cache of this instance only, with 10 % jitter, a negative TTL of a tenth of the
	 * TTL, 10,000 entries and a 2 s wait for another reader's load.
	 */
	public static CacheSettings local(String name, Duration ttl) {
		return new CacheSettings(name, ttl, 0.1, ttl.dividedBy(10), 10_000, Duration.ofSeconds(2), false);
	}

	public CacheSettings withNegativeTtl(Duration negativeTtl) {
		return new CacheSettings(this.name, this.ttl, this.jitter, negativeTtl, this.maximumSize, this.loadTimeout,
				this.shared);
	}

	public CacheSettings withJitter(double jitter) {
		return new CacheSettings(this.name, this.ttl, jitter, this.negativeTtl, this.maximumSize, this.loadTimeout,
				this.shared);
	}

	public CacheSettings withMaximumSize(long maximumSize) {
		return new CacheSettings(this.name, this.ttl, this.jitter, this.negativeTtl, maximumSize, this.loadTimeout,
				this.shared);
	}

	public CacheSettings withLoadTimeout(Duration loadTimeout) {
		return new CacheSettings(this.name, this.ttl, this.jitter, this.negativeTtl, this.maximumSize, loadTimeout,
				this.shared);
	}

	/** Also kept in Redis when it is configured (values must be JSON records). */
	public CacheSettings sharedThroughRedis() {
		return new CacheSettings(this.name, this.ttl, this.jitter, this.negativeTtl, this.maximumSize, this.loadTimeout,
				true);
	}

	boolean enabled() {
		return !this.ttl.isZero();
	}

}
