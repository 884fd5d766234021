package dev.fortress.platform.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where modules get their read caches ({@link #create}). Without
 * {@code FORTRESS_REDIS_URL} every cache lives in this instance's memory; with it, shared
 * caches also keep their values in Redis, and every invalidation reaches the memory of
 * every instance through Redis pub/sub. Redis failing costs reads a bounded delay, never
 * an error (ADR 0050).
 * <p>
 * Metrics per cache ({@code cache} tag): Caffeine's {@code cache.gets{result=hit|miss}},
 * {@code cache.puts}, {@code cache.evictions}, {@code cache.load.duration},
 * {@code cache.size}; {@code fortress.cache.shared.gets{result}},
 * {@code fortress.cache.flight.timeouts},
 * {@code fortress.cache.invalidations{origin=remote}}; for Redis
 * {@code fortress.cache.redis.up}, {@code .failures}, {@code .skipped}.
 */
@Component
public class Caches implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Caches.class);

	private final MeterRegistry meters;

	private final JsonMapper json;

	private final @Nullable Redis redis;

	private final @Nullable Invalidations invalidations;

	private final Map<String, ReadCache<?, ?>> caches = new ConcurrentHashMap<>();

	@Autowired
	Caches(CacheProperties properties, ObjectProvider<MeterRegistry> meters, JsonMapper json) {
		this(properties, meters.getIfAvailable(SimpleMeterRegistry::new), json);
	}

	/** For tests and tools: caches outside a Spring context. */
	public Caches(CacheProperties properties, MeterRegistry meters, JsonMapper json) {
		this.meters = meters;
		this.json = json;
		if (properties.redisUrl() == null) {
			this.redis = null;
			this.invalidations = null;
			return;
		}
		this.redis = new Redis(properties.redisUrl(), properties.redisTimeout(), properties.redisBackoff(),
				properties.redisMaxBackoff(), meters);
		this.invalidations = new Invalidations(this.redis, new Invalidations.Listener() {

			@Override
			public void invalidated(String cache, @Nullable String key) {
				ReadCache<?, ?> target = Caches.this.caches.get(cache);
				if (target != null) {
					target.evictRemotely(key);
				}
			}

			@Override
			public void resubscribed() {
				Caches.this.caches.values().forEach(ReadCache::evictAllLocally);
			}

		});
		this.invalidations.start(Duration.ofSeconds(1));
		log.info("Caches: Redis at {} as the shared level (timeout {})",
				RedisUrls.withoutPassword(properties.redisUrl()), properties.redisTimeout());
	}

	/**
	 * A new read cache of values of {@code type} (a JSON-friendly record or enum when the
	 * cache is shared). Names are unique.
	 */
	public <K, V> ReadCache<K, V> create(CacheSettings settings, Class<V> type) {
		SharedLevel<V> shared = (settings.shared() && this.redis != null && settings.enabled())
				? new SharedLevel<>(this.redis, settings.name(), type, this.json, this.meters) : null;
		ReadCache<K, V> cache = new ReadCache<>(settings, this.meters, shared, this.invalidations);
		if (this.caches.putIfAbsent(settings.name(), cache) != null) {
			throw new IllegalStateException("A cache named " + settings.name() + " exists already");
		}
		return cache;
	}

	/** Whether Redis is configured (not whether it answers now). */
	public boolean redisConfigured() {
		return this.redis != null;
	}

	/** Whether invalidations from other instances are being received now. */
	public boolean receivingInvalidations() {
		return this.invalidations != null && this.invalidations.subscribed();
	}

	@Nullable Redis redis() {
		return this.redis;
	}

	@Override
	public void destroy() {
		if (this.invalidations != null) {
			this.invalidations.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

}
