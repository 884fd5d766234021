package dev.fortress.platform.cache;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;
import tools.jackson.databind.json.JsonMapper;

import dev.fortress.support.LocalRedis;
import dev.fortress.support.SilentServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis failing degrades a shared cache, never breaks it: reads are answered from the
 * database within a bounded time whether nothing listens at Redis's address, or Redis
 * accepts connections and never answers (the real hang), and the cache uses Redis again
 * once it answers.
 */
class RedisOutageTests {

	/** Redis's timeout is 200 ms; a read may pay it once, plus a slow machine's share. */
	private static final long BOUND_MILLIS = 1_000;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private Caches caches;

	@AfterEach
	void close() {
		if (this.caches != null) {
			this.caches.destroy();
		}
	}

	@Test
	void withNothingListeningReadsComeFromTheDatabaseAtOnce() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		this.caches = new Caches(CacheProperties.redis("redis://127.0.0.1:" + port), this.meters,
				JsonMapper.builder().build());
		readsAreServedWithinTheBound(shared(this.caches));
	}

	@Test
	void withARedisThatNeverAnswersReadsComeFromTheDatabaseWithinTheTimeout() {
		try (SilentServer silent = new SilentServer()) {
			this.caches = new Caches(CacheProperties.redis("redis://127.0.0.1:" + silent.port()), this.meters,
					JsonMapper.builder().build());
			ReadCache<String, Item> cache = shared(this.caches);
			// The client connects in the background; the reads start once it has reached
			// the server (and is waiting for answers that never come).
			await().atMost(Duration.ofSeconds(10)).until(() -> silent.connections() > 0);
			ReadCacheTests.sleep(500);
			readsAreServedWithinTheBound(cache);
		}
	}

	@Test
	void aFrozenConnectionToRedisCostsBoundedTimeAndTheCacheRecoversWhenItThaws() throws IOException {
		LocalRedis.assumeAvailable();
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		try (NioReactor reactor = new NioReactor()) {
			TcpCrusher proxy = TcpCrusherBuilder.builder()
				.withReactor(reactor)
				.withBindAddress("127.0.0.1", port)
				.withConnectAddress(LocalRedis.HOST, LocalRedis.PORT)
				.buildAndOpen();
			try {
				this.caches = new Caches(CacheProperties.redis("redis://127.0.0.1:" + port), this.meters,
						JsonMapper.builder().build());
				ReadCache<String, Item> cache = shared(this.caches);
				// Working: a value written to Redis is found there once memory forgot it.
				String key = "warm-" + UUID.randomUUID();
				cache.get(key, k -> new Item(k));
				await().atMost(Duration.ofSeconds(5)).until(() -> sharedHits() > 0 || foundInRedis(cache, key));

				proxy.freeze();
				readsAreServedWithinTheBound(cache);

				proxy.unfreeze();
				await().atMost(Duration.ofSeconds(40))
					.pollInterval(Duration.ofMillis(200))
					.untilAsserted(() -> assertThat(foundInRedis(cache, key)).isTrue());
				assertThat(this.meters.get("fortress.cache.redis.up").gauge().value()).isEqualTo(1);
			}
			finally {
				proxy.close();
			}
		}
	}

	private void readsAreServedWithinTheBound(ReadCache<String, Item> cache) {
		AtomicInteger databaseReads = new AtomicInteger();
		long slowest = 0;
		long started = System.nanoTime();
		for (int i = 0; i < 30; i++) {
			String key = "item-" + i + "-" + UUID.randomUUID();
			long before = System.nanoTime();
			Item item = cache.get(key, k -> {
				databaseReads.incrementAndGet();
				return new Item(k);
			});
			slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));
			assertThat(item).isEqualTo(new Item(key));
		}
		long total = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(databaseReads).as("every read answered from the database").hasValue(30);
		assertThat(slowest).as("slowest read (ms)").isLessThan(BOUND_MILLIS);
		assertThat(total).as("30 reads (ms): the breaker skips Redis after a failure").isLessThan(3 * BOUND_MILLIS);
		assertThat(this.meters.get("fortress.cache.redis.up").gauge().value()).isZero();
	}

	/** Forgets the key in memory only, then reads it: true when Redis had it. */
	private boolean foundInRedis(ReadCache<String, Item> cache, String key) {
		double hits = sharedHits();
		cache.evictRemotely(key);
		cache.get(key, k -> new Item("from the database"));
		return sharedHits() > hits;
	}

	private double sharedHits() {
		return this.meters.get("fortress.cache.shared.gets").tag("result", "hit").counter().count();
	}

	private static ReadCache<String, Item> shared(Caches caches) {
		return caches.create(CacheSettings.local("outage", Duration.ofMinutes(1)).sharedThroughRedis(), Item.class);
	}

	record Item(String name) {
	}

}
