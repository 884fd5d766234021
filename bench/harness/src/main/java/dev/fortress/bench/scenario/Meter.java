package dev.fortress.bench.scenario;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.fortress.bench.load.LoadEngine;
import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.load.LoadResult;
import dev.fortress.bench.load.RequestSource;
import dev.fortress.bench.system.CpuMeter;

/**
 * Runs one load against one server and samples the CPU of every process exactly at the
 * edges of the measured window (the generator runs on its own thread; this one sleeps
 * until each edge). Optionally snapshots database counters at the same edges.
 */
final class Meter {

	interface Counters {

		Map<String, Long> read() throws Exception;

	}

	private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "load-generator");
		t.setDaemon(true);
		return t;
	});

	private final InetSocketAddress target;

	private final CpuMeter cpu;

	Meter(int port, CpuMeter cpu) {
		this.target = new InetSocketAddress("127.0.0.1", port);
		this.cpu = cpu;
	}

	Measured run(String name, RequestSource source, LoadPlan plan) throws Exception {
		return run(name, source, plan, null);
	}

	Measured run(String name, RequestSource source, LoadPlan plan, Counters counters) throws Exception {
		System.out.printf("  %-34s %s%n", name, plan.describe());
		LoadEngine engine = new LoadEngine(this.target, source, plan);
		Future<LoadResult> running = this.thread.submit(engine::run);
		long start = engine.awaitStart();
		sleepUntil(start + plan.warmup().toNanos());
		Map<String, Long> before = counters == null ? Map.of() : counters.read();
		CpuMeter.Sample first = this.cpu.sample();
		CpuMeter.Sample last;
		LoadResult result;
		if (plan.requests() > 0) {
			result = running.get();
			last = this.cpu.sample();
		}
		else {
			sleepUntil(start + plan.warmup().toNanos() + plan.measure().toNanos());
			last = this.cpu.sample();
			result = running.get();
		}
		Map<String, Long> delta = new LinkedHashMap<>();
		if (counters != null) {
			Map<String, Long> after = counters.read();
			after.forEach((k, v) -> {
				long d = v - before.getOrDefault(k, 0L);
				if (d != 0) {
					delta.put(k, d);
				}
			});
		}
		Measured measured = new Measured(name, result, last.since(first), delta);
		System.out.printf("  %-34s %s%n", "", Summary.line(measured));
		return measured;
	}

	void close() {
		this.thread.shutdownNow();
	}

	private static void sleepUntil(long nanos) throws InterruptedException {
		long wait = nanos - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

}
