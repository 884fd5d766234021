package dev.fortress.platform.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A named cache-aside read cache: this instance's memory first (Caffeine), then, for a
 * {@linkplain CacheSettings#shared() shared} cache with Redis configured, Redis, then the
 * loader (the database).
 * <p>
 * <b>Single flight:</b> concurrent misses of one key run the loader once; the others wait
 * for its result, at most {@link CacheSettings#loadTimeout()}, and then read the database
 * themselves rather than hang behind a stuck load. <b>Expiry</b> is the TTL shortened at
 * random by up to the jitter, so a crowd's entries do not expire together; an absent item
 * ({@link Optional#empty()}) is kept for the short negative TTL.
 * <p>
 * <b>Invalidation</b> happens after the current transaction commits (at once without
 * one): the entry leaves this instance's memory, a load of it still running is not
 * stored, and with Redis the shared entry is replaced by a tombstone and every other
 * instance is told to drop its copy (pub/sub). A load that read the database before the
 * commit cannot put its old value back: neither into memory (the in-flight entry is gone)
 * nor into Redis (its write is conditional on the tombstone it saw, ADR 0050).
 */
public final class ReadCache<K, V> {

	private final CacheSettings settings;

	private final @Nullable AsyncCache<K, Optional<V>> local;

	private final @Nullable SharedLevel<V> shared;

	private final @Nullable Invalidations invalidations;

	private final Counter flightTimeouts;

	private final Counter remoteInvalidations;

	private final Counter loads;

	private final Counter failedLoads;

	ReadCache(CacheSettings settings, MeterRegistry meters, @Nullable SharedLevel<V> shared,
			@Nullable Invalidations invalidations) {
		this.settings = settings;
		this.shared = shared;
		this.invalidations = invalidations;
		this.flightTimeouts = Counter.builder("fortress.cache.flight.timeouts")
			.description("Readers that stopped waiting for another reader's load and read the database themselves")
			.tag("cache", settings.name())
			.register(meters);
		this.remoteInvalidations = Counter.builder("fortress.cache.invalidations")
			.description("Entries dropped because another instance wrote them")
			.tag("cache", settings.name())
			.tag("origin", "remote")
			.register(meters);
		this.loads = Counter.builder("fortress.cache.loads")
			.description("Reads of the source (the database) after a miss in memory and in Redis")
			.tag("cache", settings.name())
			.tag("result", "success")
			.register(meters);
		this.failedLoads = Counter.builder("fortress.cache.loads")
			.description("Reads of the source (the database) after a miss in memory and in Redis")
			.tag("cache", settings.name())
			.tag("result", "failure")
			.register(meters);
		if (settings.enabled()) {
			AsyncCache<K, Optional<V>> cache = Caffeine.newBuilder()
				.maximumSize(settings.maximumSize())
				.expireAfter(new JitteredExpiry<K, V>(settings))
				.recordStats()
				.buildAsync();
			this.local = CaffeineCacheMetrics.monitor(meters, cache, settings.name());
		}
		else {
			this.local = null;
		}
	}

	public String name() {
		return this.settings.name();
	}

	/**
	 * The cached value, or the one {@code loader} reads now; {@code loader} must not
	 * return null.
	 */
	public V get(K key, Function<? super K, ? extends V> loader) {
		return find(key, k -> Optional.of(loader.apply(k))).orElseThrow();
	}

	/**
	 * The cached value or absence, or what {@code loader} finds now. Absence is cached
	 * for the negative TTL.
	 */
	public Optional<V> find(K key, Function<? super K, Optional<V>> loader) {
		if (this.settings.shared() && !(key instanceof String)) {
			// Another instance names the key by its text, which must find it here.
			throw new IllegalArgumentException("the keys of shared cache " + name() + " must be strings");
		}
		AsyncCache<K, Optional<V>> cache = this.local;
		if (cache == null) {
			return load(key, loader);
		}
		CompletableFuture<Optional<V>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<V>> flight = cache.get(key, (k, executor) -> mine);
		if (flight == mine) {
			try {
				Optional<V> value = loadThrough(key, loader);
				mine.complete(value);
				return value;
			}
			catch (RuntimeException | Error ex) {
				mine.completeExceptionally(ex);
				throw ex;
			}
		}
		return await(flight, key, loader);
	}

	private Optional<V> await(CompletableFuture<Optional<V>> flight, K key, Function<? super K, Optional<V>> loader) {
		try {
			return flight.get(this.settings.loadTimeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			this.flightTimeouts.increment();
			return load(key, loader);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a cache load", ex);
		}
	}

	private Optional<V> loadThrough(K key, Function<? super K, Optional<V>> loader) {
		SharedLevel<V> level = this.shared;
		if (level == null) {
			return load(key, loader);
		}
		String sharedKey = String.valueOf(key);
		SharedLevel.Lookup<V> lookup = level.read(sharedKey);
		if (lookup instanceof SharedLevel.Found<V> found) {
			return found.value();
		}
		Optional<V> value = load(key, loader);
		if (lookup instanceof SharedLevel.Missing<V> missing) {
			level.writeIfUnchanged(sharedKey, missing.seen(), value, expiryOf(this.settings, value));
		}
		return value;
	}

	private Optional<V> load(K key, Function<? super K, Optional<V>> loader) {
		try {
			Optional<V> value = loader.apply(key);
			this.loads.increment();
			return value;
		}
		catch (RuntimeException | Error ex) {
			this.failedLoads.increment();
			throw ex;
		}
	}

	/**
	 * The item behind {@code key} was written: after the commit, drops it here, in Redis
	 * and on every other instance.
	 */
	public void invalidate(K key) {
		afterCommit(() -> {
			evictLocally(key);
			String sharedKey = String.valueOf(key);
			if (this.shared != null) {
				this.shared.tombstone(sharedKey, this.settings.ttl());
			}
			if (this.invalidations != null) {
				this.invalidations.publish(name(), sharedKey);
			}
		});
	}

	/**
	 * Everything may be stale: after the commit, empties this instance's memory and tells
	 * the others to empty theirs. Entries in Redis stay until their TTL, so this suits
	 * caches that are not shared.
	 */
	public void invalidateAll() {
		afterCommit(() -> {
			evictAllLocally();
			if (this.invalidations != null) {
				this.invalidations.publish(name(), null);
			}
		});
	}

	@SuppressWarnings("unchecked")
	void evictRemotely(@Nullable String key) {
		this.remoteInvalidations.increment();
		if (key == null || !this.settings.shared()) {
			// A cache keyed by something other than strings cannot find the key from its
			// text, so it drops everything (such caches live a second or so anyway).
			evictAllLocally();
		}
		else {
			evictLocally((K) key);
		}
	}

	private void evictLocally(K key) {
		if (this.local != null) {
			this.local.synchronous().invalidate(key);
		}
	}

	void evictAllLocally() {
		if (this.local != null) {
			this.local.synchronous().invalidateAll();
		}
	}

	CacheSettings settings() {
		return this.settings;
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	/** The TTL of a value: the jittered TTL when found, the negative TTL when absent. */
	static Duration expiryOf(CacheSettings settings, Optional<?> value) {
		if (value.isEmpty()) {
			return settings.negativeTtl();
		}
		long ttl = settings.ttl().toNanos();
		long shortenBy = (long) (ttl * settings.jitter() * ThreadLocalRandom.current().nextDouble());
		return Duration.ofNanos(ttl - shortenBy);
	}

	private record JitteredExpiry<K, V>(CacheSettings settings) implements Expiry<K, Optional<V>> {

		@Override
		public long expireAfterCreate(K key, Optional<V> value, long currentTime) {
			return expiryOf(this.settings, value).toNanos();
		}

		@Override
		public long expireAfterUpdate(K key, Optional<V> value, long currentTime, long currentDuration) {
			return expiryOf(this.settings, value).toNanos();
		}

		@Override
		public long expireAfterRead(K key, Optional<V> value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
