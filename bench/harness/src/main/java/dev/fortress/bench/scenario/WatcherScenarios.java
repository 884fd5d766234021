package dev.fortress.bench.scenario;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.load.SseCrowd;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.seed.Database.DropAudit;

/**
 * What watching a drop costs its checkouts: 256 closed-loop buyers on a drop, in phases
 * that alternate without watchers and with 5,000 Server-Sent Events streams of that drop
 * open throughout (opened before the load, counted, closed after), so a drift of the
 * shared machine hits both alike. Each phase has a fresh drop; a warm-up load comes
 * first, so the first phase does not pay for the JIT.
 */
final class WatcherScenarios {

	static final int WATCHERS = 5_000;

	private static final int BUYERS = 256;

	private final Settings settings;

	private final Results results;

	private final Buyers buyers;

	WatcherScenarios(Settings settings, Results results, Buyers buyers) {
		this.settings = settings;
		this.results = results;
		this.buyers = buyers;
	}

	void run(FortressSession session) throws Exception {
		DropScenarios drops = new DropScenarios(this.settings, this.results, this.buyers);
		UUID warm = drops.newDrop(session, DropScenarios.BIG, DropScenarios.BIG);
		session.meter.run("watchers warm-up", drops.checkout(session, warm, "watchwarm"),
				LoadPlan.closed(BUYERS, this.settings.strategyWarmup(), Duration.ofSeconds(1)));
		int phases = this.settings.smokeMode() ? 2 : 4;
		for (int phase = 1; phase <= phases; phase++) {
			int watchers = (phase % 2 == 0) ? WATCHERS : 0;
			UUID drop = drops.newDrop(session, DropScenarios.BIG, DropScenarios.BIG);
			String name = "watchers phase " + phase + " (" + watchers + " watching)";
			SseCrowd crowd = null;
			if (watchers > 0) {
				crowd = SseCrowd.open(new InetSocketAddress("127.0.0.1", session.fortress.port()),
						"/api/v1/drops/" + drop + "/stream", watchers, Duration.ofMinutes(2));
				System.out.printf("  %-34s %d streams open, %d refused%n", "", crowd.streaming(), crowd.refused());
				if (crowd.streaming() < watchers) {
					this.results.failures.add(name + ": only " + crowd.streaming() + " of " + watchers
							+ " streams opened (" + crowd.refused() + " refused)");
				}
			}
			try {
				long eventsBefore = crowd == null ? 0 : crowd.events();
				double[] fanOutBefore = fanOut(session);
				Measured measured = session.meter.run(name, drops.checkout(session, drop, "watch" + phase),
						LoadPlan.closed(BUYERS, this.settings.sweepWarmup(), this.settings.sweepMeasure()));
				this.results.loads.put(name, measured);
				double perWatcher = crowd == null ? 0 : (crowd.events() - eventsBefore) / (double) watchers;
				double[] fanOutAfter = fanOut(session);
				double updates = fanOutAfter[0] - fanOutBefore[0];
				double fanOutMillis = updates > 0 ? 1000 * (fanOutAfter[1] - fanOutBefore[1]) / updates : 0;
				if (crowd != null && crowd.streaming() < watchers) {
					this.results.failures
						.add(name + ": " + (watchers - crowd.streaming()) + " streams closed during the load");
				}
				this.results.watcherPhases
					.add(new Results.WatcherPhase(phase, watchers, name, perWatcher, fanOutMillis));
				DropAudit audit = session.database.audit(drop);
				Invariants.check(audit, measured.load(), DropScenarios.BIG, 0, true)
					.forEach((problem) -> this.results.failures.add(name + ": " + problem));
			}
			finally {
				if (crowd != null) {
					crowd.close();
				}
			}
			Thread.sleep(this.settings.smokeMode() ? 500 : 3000);
		}
	}

	/**
	 * The application's {@code fortress.drop.streams.fan-out} timer, from its Prometheus
	 * page: updates handed to streams so far, and the seconds that took.
	 */
	private static double[] fanOut(FortressSession session) {
		String page = session.api.once("GET", "/actuator/prometheus", null, null, Map.of("Accept", "text/plain"))
			.body()
			.path("raw")
			.asString();
		double[] found = new double[2];
		for (String line : page.split("\n")) {
			String[] parts = line.trim().split("\\s+");
			if (line.startsWith("fortress_drop_streams_fan_out_seconds_count")) {
				found[0] = Double.parseDouble(parts[parts.length - 1]);
			}
			else if (line.startsWith("fortress_drop_streams_fan_out_seconds_sum")) {
				found[1] = Double.parseDouble(parts[parts.length - 1]);
			}
		}
		return found;
	}

}
