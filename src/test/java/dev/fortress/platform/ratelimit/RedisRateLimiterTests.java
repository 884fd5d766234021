package dev.fortress.platform.ratelimit;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import dev.fortress.platform.redis.RedisLink;
import dev.fortress.platform.redis.RedisSettings;
import dev.fortress.support.LocalRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared buckets against a real Redis, as two application instances use them: two
 * links, two limiters, one Redis. Then Redis away (nothing listening, and a proxy that
 * freezes the connection) and back.
 */
class RedisRateLimiterTests {

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
	}

	@Test
	void twoInstancesShareOneBucket() throws Exception {
		LocalRedis.assumeAvailable();
		RedisRateLimiter first = limiter(LocalRedis.URL);
		RedisRateLimiter second = limiter(LocalRedis.URL);
		awaitShared(first);
		awaitShared(second);
		double fallbacksBefore = fallbacks(first) + fallbacks(second);
		RateLimitPolicy policy = new RateLimitPolicy("test-" + UUID.randomUUID(), 10, Duration.ofMinutes(1));
		// 6 through each instance, all at once: 10 allowed in total, not 6 + 6.
		ExecutorService threads = Executors.newFixedThreadPool(12);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> answers = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				RedisRateLimiter instance = i % 2 == 0 ? first : second;
				answers.add(threads.submit(() -> {
					start.await();
					return instance.tryConsume("ip:192.0.2.1", policy).allowed();
				}));
			}
			start.countDown();
			int allowed = 0;
			for (Future<Boolean> answer : answers) {
				allowed += answer.get(10, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(allowed).isEqualTo(10);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(first.tryConsume("ip:192.0.2.1", policy).allowed()).isFalse();
		assertThat(second.tryConsume("ip:192.0.2.1", policy).allowed()).isFalse();
		assertThat(second.isExhausted("ip:192.0.2.1", policy)).isTrue();
		// another caller has a bucket of its own
		assertThat(first.tryConsume("ip:192.0.2.2", policy).allowed()).isTrue();
		assertThat(fallbacks(first) + fallbacks(second)).isEqualTo(fallbacksBefore);
	}

	@Test
	void withNothingListeningTheCredentialBucketFailsClosedAndTheApiFailsOpenToLocalBuckets() throws Exception {
		RedisRateLimiter limiter = limiter("redis://127.0.0.1:" + unusedPort());
		RateLimitPolicy auth = new RateLimitPolicy("auth", 10, Duration.ofMinutes(1), 5);
		RateLimitPolicy api = new RateLimitPolicy("api", 20, Duration.ofMinutes(1));
		long started = System.nanoTime();
		assertThat(allowed(limiter, "ip:192.0.2.1", auth, 12)).isEqualTo(5);
		assertThat(allowed(limiter, "user:a", api, 25)).isEqualTo(20);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		assertThat(fallbacks(limiter)).isEqualTo(37);
	}

	@Test
	void aFrozenRedisCostsOneTimeoutPerBackoffThenDecisionsAreSharedAgain() throws Exception {
		LocalRedis.assumeAvailable();
		int port = unusedPort();
		NioReactor reactor = new NioReactor();
		TcpCrusher proxy = TcpCrusherBuilder.builder()
			.withReactor(reactor)
			.withBindAddress("127.0.0.1", port)
			.withConnectAddress(LocalRedis.HOST, LocalRedis.PORT)
			.buildAndOpen();
		this.closing.add(reactor);
		this.closing.add(proxy);
		RedisRateLimiter limiter = limiter("redis://127.0.0.1:" + port);
		RedisRateLimiter direct = limiter(LocalRedis.URL);
		awaitShared(limiter);
		awaitShared(direct);
		RateLimitPolicy api = new RateLimitPolicy("test-" + UUID.randomUUID(), 1_000_000, Duration.ofMinutes(1));

		proxy.freeze();
		// 8 callers for 2.5 s: every answer within the command timeout (150 ms) plus
		// slack, and only about one attempt per second pays that timeout.
		ExecutorService threads = Executors.newFixedThreadPool(8);
		List<Long> slowAnswers = new ArrayList<>();
		long worst = 0;
		try {
			List<Future<List<Long>>> callers = new ArrayList<>();
			long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
			for (int i = 0; i < 8; i++) {
				Callable<List<Long>> caller = () -> {
					List<Long> took = new ArrayList<>();
					while (System.nanoTime() < until) {
						long start = System.nanoTime();
						assertThat(limiter.tryConsume("user:frozen", api).allowed()).isTrue();
						took.add(System.nanoTime() - start);
						Thread.sleep(5);
					}
					return took;
				};
				callers.add(threads.submit(caller));
			}
			for (Future<List<Long>> caller : callers) {
				for (long took : caller.get(10, TimeUnit.SECONDS)) {
					worst = Math.max(worst, took);
					if (took > Duration.ofMillis(50).toNanos()) {
						slowAnswers.add(took);
					}
				}
			}
		}
		finally {
			threads.shutdownNow();
		}
		System.out.printf("Frozen Redis: %d slow answers (> 50 ms), the slowest %d ms%n", slowAnswers.size(),
				Duration.ofNanos(worst).toMillis());
		assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofMillis(400));
		// the first failure may catch every caller in flight (8); then one trial per
		// second
		assertThat(slowAnswers).hasSizeLessThanOrEqualTo(8 + 4);
		assertThat(fallbacks(limiter)).isGreaterThan(100);

		proxy.unfreeze();
		// Recovery: within a few back-off periods the decisions are shared again, as
		// seen from another instance that talks to Redis directly.
		RateLimitPolicy slow = new RateLimitPolicy("test-" + UUID.randomUUID(), 1_000, Duration.ofHours(1));
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			double before = fallbacks(limiter);
			limiter.tryConsume("user:recovered", slow);
			assertThat(fallbacks(limiter)).isEqualTo(before);
		});
		long taken = 1_000 - direct.tryConsume("user:recovered", slow).remaining() - 1;
		assertThat(taken).isPositive();
	}

	@Test
	void aRedisThatGoesAwayAndComesBackIsUsedAgain() throws Exception {
		LocalRedis.assumeAvailable();
		int port = unusedPort();
		NioReactor reactor = new NioReactor();
		TcpCrusher proxy = TcpCrusherBuilder.builder()
			.withReactor(reactor)
			.withBindAddress("127.0.0.1", port)
			.withConnectAddress(LocalRedis.HOST, LocalRedis.PORT)
			.buildAndOpen();
		this.closing.add(reactor);
		this.closing.add(proxy);
		RedisRateLimiter limiter = limiter("redis://127.0.0.1:" + port);
		awaitShared(limiter);
		RateLimitPolicy auth = new RateLimitPolicy("test-" + UUID.randomUUID(), 4, Duration.ofMinutes(1), 2);

		proxy.close(); // connections cut, nothing listening
		long started = System.nanoTime();
		assertThat(allowed(limiter, "ip:192.0.2.9", auth, 4)).isEqualTo(2);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

		proxy.open();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			double before = fallbacks(limiter);
			limiter.isExhausted("ip:192.0.2.10", auth);
			assertThat(fallbacks(limiter)).isEqualTo(before);
		});
		// the shared bucket has the full capacity again (the local one had 2)
		assertThat(allowed(limiter, "ip:192.0.2.11", auth, 6)).isEqualTo(4);
	}

	private RedisRateLimiter limiter(String url) {
		RedisLink link = new RedisLink(RedisSettings.of(url));
		this.closing.add(link);
		return new RedisRateLimiter(link, new SimpleMeterRegistry());
	}

	private static void awaitShared(RedisRateLimiter limiter) {
		RateLimitPolicy probe = new RateLimitPolicy("probe", 1_000, Duration.ofMinutes(1));
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			double before = fallbacks(limiter);
			limiter.tryConsume("probe:" + UUID.randomUUID(), probe);
			assertThat(fallbacks(limiter)).isEqualTo(before);
		});
	}

	private static double fallbacks(RedisRateLimiter limiter) {
		return limiter.fallbacks();
	}

	private static int allowed(RateLimiter limiter, String key, RateLimitPolicy policy, int attempts) {
		int allowed = 0;
		for (int i = 0; i < attempts; i++) {
			allowed += limiter.tryConsume(key, policy).allowed() ? 1 : 0;
		}
		return allowed;
	}

	private static int unusedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
