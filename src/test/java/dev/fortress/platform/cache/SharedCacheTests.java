package dev.fortress.platform.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.fortress.support.LocalRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the application, as two cache managers in one JVM, against the real
 * local Redis: values shared through Redis, invalidations reaching the other instance's
 * memory through pub/sub, and a load that overlaps an invalidation putting nothing stale
 * back. Skipped when Redis is absent, unless {@code FORTRESS_REQUIRE_SERVICES=true}.
 */
class SharedCacheTests {

	private final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);

	private final SimpleMeterRegistry metersOfA = new SimpleMeterRegistry();

	private final SimpleMeterRegistry metersOfB = new SimpleMeterRegistry();

	private final ExecutorService pool = Executors.newCachedThreadPool();

	private Caches instanceA;

	private Caches instanceB;

	@BeforeEach
	void connect() {
		LocalRedis.assumeAvailable();
		this.instanceA = new Caches(CacheProperties.redis(LocalRedis.URL), this.metersOfA,
				JsonMapper.builder().build());
		this.instanceB = new Caches(CacheProperties.redis(LocalRedis.URL), this.metersOfB,
				JsonMapper.builder().build());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.instanceA.receivingInvalidations() && this.instanceB.receivingInvalidations());
	}

	@AfterEach
	void close() {
		this.pool.shutdownNow();
		if (this.instanceA != null) {
			this.instanceA.destroy();
			this.instanceB.destroy();
		}
	}

	private ReadCache<String, Role> cacheOf(Caches instance) {
		return instance.create(CacheSettings.local(this.name, Duration.ofMinutes(1)).sharedThroughRedis(), Role.class);
	}

	@Test
	void aValueLoadedByOneInstanceIsReadFromRedisByTheOther() {
		ReadCache<String, Role> a = cacheOf(this.instanceA);
		ReadCache<String, Role> b = cacheOf(this.instanceB);
		AtomicInteger databaseReads = new AtomicInteger();
		assertThat(a.get("p1:u1", key -> read(databaseReads, new Role("EDITOR")))).isEqualTo(new Role("EDITOR"));
		// A writes to Redis without waiting; B reads once the write has landed.
		await().atMost(Duration.ofSeconds(5)).until(() -> storedInRedis("p1:u1") != null);
		assertThat(storedInRedis("p1:u1")).isEqualTo("v{\"name\":\"EDITOR\"}");
		assertThat(b.get("p1:u1", key -> read(databaseReads, new Role("EDITOR")))).isEqualTo(new Role("EDITOR"));
		assertThat(databaseReads).as("only instance A read the database").hasValue(1);
		assertThat(this.metersOfB.get("fortress.cache.shared.gets").tag("result", "hit").counter().count())
			.isEqualTo(1);
	}

	@Test
	void anInvalidationOnOneInstanceReachesTheMemoryOfTheOther() {
		ReadCache<String, Role> a = cacheOf(this.instanceA);
		ReadCache<String, Role> b = cacheOf(this.instanceB);
		AtomicReference<Role> database = new AtomicReference<>(new Role("EDITOR"));
		assertThat(a.get("p1:u2", key -> database.get())).isEqualTo(new Role("EDITOR"));
		assertThat(b.get("p1:u2", key -> database.get())).isEqualTo(new Role("EDITOR"));
		// B now holds the role in its memory for a minute.
		database.set(new Role("VIEWER"));
		assertThat(b.get("p1:u2", key -> database.get())).isEqualTo(new Role("EDITOR"));

		a.invalidate("p1:u2");

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(b.get("p1:u2", key -> database.get())).isEqualTo(new Role("VIEWER")));
		assertThat(this.metersOfB.get("fortress.cache.invalidations").tag("origin", "remote").counter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(a.get("p1:u2", key -> database.get())).isEqualTo(new Role("VIEWER"));
	}

	@Test
	void absenceIsSharedAndAnInvalidationEndsIt() {
		ReadCache<String, Role> a = cacheOf(this.instanceA);
		ReadCache<String, Role> b = cacheOf(this.instanceB);
		AtomicReference<Optional<Role>> database = new AtomicReference<>(Optional.empty());
		assertThat(a.find("p2:u1", key -> database.get())).isEmpty();
		assertThat(b.find("p2:u1", key -> database.get())).isEmpty();
		database.set(Optional.of(new Role("OWNER")));
		b.invalidate("p2:u1");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(a.find("p2:u1", key -> database.get())).contains(new Role("OWNER")));
	}

	@Test
	void aLoadThatOverlapsAnInvalidationPutsNothingStaleIntoRedis() throws Exception {
		ReadCache<String, Role> a = cacheOf(this.instanceA);
		ReadCache<String, Role> b = cacheOf(this.instanceB);
		AtomicReference<Role> database = new AtomicReference<>(new Role("OWNER"));
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Future<Role> slowRead = this.pool.submit(() -> a.get("p3:u1", key -> {
			Role seen = database.get();
			reading.countDown();
			ReadCacheTests.await(finish);
			return seen;
		}));
		assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
		// B demotes the member while A's read of the old role is still running.
		database.set(new Role("VIEWER"));
		b.invalidate("p3:u1");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.metersOfA.get("fortress.cache.invalidations").tag("origin", "remote").counter().count(),
					count -> count >= 1);
		finish.countDown();
		assertThat(slowRead.get(10, TimeUnit.SECONDS)).isEqualTo(new Role("OWNER"));
		ReadCacheTests.sleep(200);

		assertThat(a.get("p3:u1", key -> database.get())).as("A's memory").isEqualTo(new Role("VIEWER"));
		assertThat(b.get("p3:u1", key -> database.get())).as("Redis, through B").isEqualTo(new Role("VIEWER"));
	}

	private static Role read(AtomicInteger reads, Role role) {
		reads.incrementAndGet();
		return role;
	}

	private String storedInRedis(String key) {
		Redis.Reply<String> reply = this.instanceA.redis()
			.call(commands -> commands.get("fortress:cache:" + this.name + ":" + key));
		return reply == null ? null : reply.value();
	}

	record Role(String name) {
	}

}
