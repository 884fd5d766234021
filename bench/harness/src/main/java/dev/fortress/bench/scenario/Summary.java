package dev.fortress.bench.scenario;

import java.util.Locale;

import dev.fortress.bench.load.LoadResult;

/** One-line summaries for the console while the benchmark runs. */
final class Summary {

	private Summary() {
	}

	static String line(Measured m) {
		LoadResult r = m.load();
		String offered = r.plan().openLoop() ? String.format(Locale.ROOT, " (offered %.0f/s)", r.offered()) : "";
		return String.format(Locale.ROOT,
				"%.0f/s%s good %.0f/s p50 %.2f p99 %.2f max %.1f ms | cpu µs/req app %.0f pg %.0f gen %.0f, others %.2f cores | %s",
				r.rate(), offered, r.goodput(), r.latency().p50(), r.latency().p99(), r.latency().max(),
				m.cpuPerRequest("app"), m.cpuPerRequest("postgres"), m.cpuPerRequest("generator"),
				m.cpu().cores("others"), r.outcomes());
	}

}
