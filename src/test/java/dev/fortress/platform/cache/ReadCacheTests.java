package dev.fortress.platform.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-memory level of {@link ReadCache}, with real threads: single flight, its
 * timeout, negative caching, jittered expiry, invalidation after commit, metrics.
 */
class ReadCacheTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Caches caches = new Caches(CacheProperties.local(), this.meters, JsonMapper.builder().build());

	private final ExecutorService pool = Executors.newFixedThreadPool(100);

	@AfterEach
	void stop() {
		this.pool.shutdownNow();
		this.caches.destroy();
	}

	@Test
	void aHundredConcurrentMissesOfOneKeyLoadItOnce() throws Exception {
		ReadCache<String, String> cache = this.caches.create(CacheSettings.local("crowd", Duration.ofMinutes(1)),
				String.class);
		int readers = 100;
		AtomicInteger loads = new AtomicInteger();
		CountDownLatch arrived = new CountDownLatch(readers);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> reads = new ArrayList<>();
		for (int i = 0; i < readers; i++) {
			reads.add(this.pool.submit(() -> {
				start.await();
				arrived.countDown();
				return cache.get("drop-page", key -> {
					loads.incrementAndGet();
					// The load is slow (a busy database): everyone else arrives
					// meanwhile.
					await(arrived);
					sleep(100);
					return "page of " + key;
				});
			}));
		}
		start.countDown();
		for (Future<String> read : reads) {
			assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("page of drop-page");
		}
		assertThat(loads).as("loads of one key by 100 concurrent readers").hasValue(1);
		assertThat(count("cache.gets", "result", "miss")).isEqualTo(1);
		assertThat(count("cache.gets", "result", "hit")).isEqualTo(readers - 1);
		assertThat(this.meters.get("fortress.cache.loads")
			.tag("cache", "crowd")
			.tag("result", "success")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aReaderStopsWaitingForAStuckLoadAndReadsItself() throws Exception {
		ReadCache<String, String> cache = this.caches.create(
				CacheSettings.local("stuck", Duration.ofMinutes(1)).withLoadTimeout(Duration.ofMillis(200)),
				String.class);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch loading = new CountDownLatch(1);
		Future<String> stuck = this.pool.submit(() -> cache.get("k", key -> {
			loading.countDown();
			await(release);
			return "slow";
		}));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
		long started = System.nanoTime();
		String value = cache.get("k", key -> "own read");
		long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(value).isEqualTo("own read");
		assertThat(waitedMillis).isBetween(150L, 2_000L);
		assertThat(this.meters.get("fortress.cache.flight.timeouts").tag("cache", "stuck").counter().count())
			.isEqualTo(1);
		release.countDown();
		assertThat(stuck.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
	}

	@Test
	void aFailedLoadReachesItsWaitersAndIsNotCached() throws Exception {
		ReadCache<String, String> cache = this.caches.create(CacheSettings.local("failing", Duration.ofMinutes(1)),
				String.class);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch fail = new CountDownLatch(1);
		Future<String> leader = this.pool.submit(() -> cache.get("k", key -> {
			loading.countDown();
			await(fail);
			throw new IllegalStateException("database down");
		}));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
		Future<String> waiter = this.pool.submit(() -> cache.get("k", key -> "never"));
		sleep(100);
		fail.countDown();
		assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
		assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
		assertThat(cache.get("k", key -> "recovered")).isEqualTo("recovered");
	}

	@Test
	void absenceIsCachedForTheNegativeTtlOnly() {
		ReadCache<String, String> cache = this.caches.create(
				CacheSettings.local("negative", Duration.ofMinutes(1)).withNegativeTtl(Duration.ofSeconds(1)),
				String.class);
		AtomicInteger loads = new AtomicInteger();
		AtomicReference<Optional<String>> stored = new AtomicReference<>(Optional.empty());
		for (int i = 0; i < 5; i++) {
			assertThat(cache.find("missing", key -> {
				loads.incrementAndGet();
				return stored.get();
			})).isEmpty();
		}
		assertThat(loads).as("absence is remembered").hasValue(1);
		stored.set(Optional.of("created"));
		sleep(1_300);
		assertThat(cache.find("missing", key -> {
			loads.incrementAndGet();
			return stored.get();
		})).contains("created");
		assertThat(loads).hasValue(2);
		sleep(1_300);
		assertThat(cache.find("missing", key -> Optional.of("reloaded"))).as("found values live the long TTL")
			.contains("created");
	}

	@Test
	void entriesExpireWithinTheTtlShortenedByAtMostTheJitter() {
		CacheSettings settings = CacheSettings.local("jitter", Duration.ofSeconds(10)).withJitter(0.2);
		long shortest = Long.MAX_VALUE;
		long longest = 0;
		for (int i = 0; i < 2_000; i++) {
			long ttl = ReadCache.expiryOf(settings, Optional.of("v")).toMillis();
			shortest = Math.min(shortest, ttl);
			longest = Math.max(longest, ttl);
		}
		assertThat(shortest).isBetween(8_000L, 8_200L);
		assertThat(longest).isBetween(9_800L, 10_000L);
		assertThat(ReadCache.expiryOf(settings, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void anInvalidationInATransactionTakesEffectWhenItCommits() {
		ReadCache<String, String> cache = this.caches.create(CacheSettings.local("tx", Duration.ofMinutes(1)),
				String.class);
		assertThat(cache.get("k", key -> "old")).isEqualTo("old");
		TransactionSynchronizationManager.initSynchronization();
		try {
			cache.invalidate("k");
			assertThat(cache.get("k", key -> "new")).as("not before the commit").isEqualTo("old");
			TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		assertThat(cache.get("k", key -> "new")).isEqualTo("new");
	}

	@Test
	void aLoadOverlappingAnInvalidationIsNotKept() throws Exception {
		ReadCache<String, String> cache = this.caches.create(CacheSettings.local("overlap", Duration.ofMinutes(1)),
				String.class);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Future<String> old = this.pool.submit(() -> cache.get("k", key -> {
			loading.countDown();
			await(finish);
			return "read before the write";
		}));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
		cache.invalidate("k");
		finish.countDown();
		assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("read before the write");
		assertThat(cache.get("k", key -> "read after the write")).isEqualTo("read after the write");
	}

	@Test
	void aZeroTtlTurnsTheCacheOff() {
		ReadCache<String, String> cache = this.caches.create(CacheSettings.local("off", Duration.ZERO), String.class);
		AtomicInteger loads = new AtomicInteger();
		cache.get("k", key -> "v" + loads.incrementAndGet());
		assertThat(cache.get("k", key -> "v" + loads.incrementAndGet())).isEqualTo("v2");
	}

	private double count(String meter, String tag, String value) {
		return this.meters.get(meter).tag(tag, value).functionCounter().count();
	}

	static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("latch not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
