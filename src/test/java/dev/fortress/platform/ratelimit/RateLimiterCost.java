package dev.fortress.platform.ratelimit;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.fortress.platform.redis.RedisLink;
import dev.fortress.platform.redis.RedisSettings;

/**
 * What one rate-limit decision costs, in process and in Redis, with the filter's load
 * shape: {@code threads} callers deciding as fast as they can for {@code seconds}, all on
 * one caller's bucket (the gates benchmark's task list: one user, 32 connections) or each
 * on its own. Not a test: run by hand (docs/performance.md, "Scale-out"):
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.fortress.platform.ratelimit.RateLimiterCost \
 *   redis://127.0.0.1:6379 32 10 [redis-server pid]
 * </pre>
 */
public final class RateLimiterCost {

	private RateLimiterCost() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int threads = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		long redisPid = args.length > 3 ? Long.parseLong(args[3]) : -1;
		RateLimitPolicy policy = new RateLimitPolicy("cost", 1_000_000_000L, Duration.ofMinutes(1));
		try (RedisLink link = new RedisLink(RedisSettings.of(url))) {
			RedisRateLimiter shared = new RedisRateLimiter(link, new SimpleMeterRegistry());
			while (shared.fallbacks() == 0 || link.connection() == null) {
				shared.tryConsume("warm", policy);
				Thread.sleep(100);
				if (link.connection() != null && link.up()) {
					break;
				}
			}
			for (int round = 0; round < 2; round++) {
				boolean report = round == 1; // the first round warms the JIT up
				run("local, one caller", new LocalRateLimiter(), policy, threads, seconds, true, -1, report);
				run("local, a caller per thread", new LocalRateLimiter(), policy, threads, seconds, false, -1, report);
				double before = shared.fallbacks();
				run("redis, one caller", shared, policy, threads, seconds, true, redisPid, report);
				run("redis, a caller per thread", shared, policy, threads, seconds, false, redisPid, report);
				if (report) {
					System.out.printf("decisions taken locally during the redis runs: %.0f%n",
							shared.fallbacks() - before);
				}
			}
		}
	}

	private static void run(String name, RateLimiter limiter, RateLimitPolicy policy, int threads, int seconds,
			boolean oneCaller, long redisPid, boolean report) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch done = new CountDownLatch(threads);
		List<long[]> latencies = new ArrayList<>();
		long[] counts = new long[threads];
		for (int t = 0; t < threads; t++) {
			long[] mine = new long[2_000_000];
			latencies.add(mine);
			int index = t;
			String key = oneCaller ? "user:one" : "user:" + t;
			Thread thread = new Thread(() -> {
				int n = 0;
				while (!stop.get() && n < mine.length) {
					long start = System.nanoTime();
					limiter.tryConsume(key, policy);
					mine[n++] = System.nanoTime() - start;
				}
				counts[index] = n;
				done.countDown();
			});
			thread.start();
		}
		long cpuBefore = processCpu();
		long redisBefore = redisCpu(redisPid);
		long started = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		stop.set(true);
		done.await();
		double elapsed = (System.nanoTime() - started) / 1e9;
		long cpu = processCpu() - cpuBefore;
		long redis = redisCpu(redisPid) - redisBefore;
		long total = Arrays.stream(counts).sum();
		long[] all = new long[(int) total];
		int at = 0;
		for (int t = 0; t < threads; t++) {
			System.arraycopy(latencies.get(t), 0, all, at, (int) counts[t]);
			at += (int) counts[t];
		}
		Arrays.sort(all);
		if (report) {
			System.out.printf(
					"%-28s %9.0f decisions/s  p50 %7.1f µs  p99 %8.1f µs  max %8.1f ms  app CPU %6.1f µs/decision%s%n",
					name, total / elapsed, all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3,
					all[all.length - 1] / 1e6, cpu / 1e3 / total,
					redisPid > 0 ? String.format("  redis CPU %5.1f µs/decision", redis / 1e3 / total) : "");
		}
	}

	private static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** utime + stime of the Redis server, in ns, from /proc. */
	private static long redisCpu(long pid) throws Exception {
		if (pid <= 0) {
			return 0;
		}
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 10_000_000L; // CLK_TCK 100
	}

}
