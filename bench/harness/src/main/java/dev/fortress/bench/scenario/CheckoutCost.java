package dev.fortress.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.psp.PspStub;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.seed.Database.DropAudit;
import dev.fortress.bench.server.ServerProcess;

/**
 * What one paid checkout costs the application and its database, with the payment
 * provider out of process (the benchmark's {@link PspStub}, its CPU counted apart): CPU
 * per paid order, and commits and rows written per paid order from PostgreSQL's own
 * statistics. Then a JFR profile of the same load shows where the application's CPU goes.
 */
final class CheckoutCost {

	private static final int BUYERS = 32;

	private final Settings settings;

	private final Results results;

	private final Buyers buyers;

	CheckoutCost(Settings settings, Results results, Buyers buyers) {
		this.settings = settings;
		this.results = results;
		this.buyers = buyers;
	}

	void run(Path jar, Path harnessJar, Path work, Path dataDir, List<String> jvmOptions) throws Exception {
		int pspPort = ServerProcess.freePort();
		try (ServerProcess psp = ServerProcess.start("psp-stub",
				List.of(ServerProcess.java(), "-Xmx256m", "-cp", harnessJar.toString(), PspStub.class.getName(),
						Integer.toString(pspPort)),
				Map.of(), work, URI.create("http://127.0.0.1:" + pspPort + "/v1/health"), Duration.ofMinutes(1));
				FortressSession session = FortressSession.start("fortress-checkout", jar, work, dataDir,
						Map.of("FORTRESS_PSP_URL", "http://127.0.0.1:" + pspPort + "/v1", "FORTRESS_PSP_API_KEY",
								"sk_bench_stub_accepts_any_key"),
						psp.pid(), jvmOptions)) {
			DropScenarios drops = new DropScenarios(this.settings, this.results, this.buyers);
			UUID warm = drops.newDrop(session, DropScenarios.BIG, DropScenarios.BIG);
			session.meter.run("checkout cost warm-up", drops.checkout(session, warm, "costwarm"),
					LoadPlan.closed(BUYERS, this.settings.strategyWarmup(), Duration.ofSeconds(1)));
			UUID drop = drops.newDrop(session, DropScenarios.BIG, DropScenarios.BIG);
			String name = "checkout cost (provider out of process)";
			Measured measured = session.meter.run(name, drops.checkout(session, drop, "cost"),
					LoadPlan.closed(BUYERS, Duration.ofSeconds(3), this.settings.costMeasure()),
					session.database::counters);
			this.results.loads.put(name, measured);
			DropAudit audit = session.database.audit(drop);
			Invariants.check(audit, measured.load(), DropScenarios.BIG, 0, false)
				.forEach(p -> this.results.failures.add(name + ": " + p));
			profile(session, drops);
			this.results.startups.add(session.startup("Fortress restart, provider out of process"));
		}
	}

	private void profile(FortressSession session, DropScenarios drops) throws Exception {
		Profiler profiler = new Profiler(session.fortress.pid(), session.fortress.log().resolveSibling("checkout.jfr"));
		UUID drop = drops.newDrop(session, DropScenarios.BIG, DropScenarios.BIG);
		profiler.start(this.settings.profile());
		Measured profiled = session.meter.run("checkout (profiled with JFR)", drops.checkout(session, drop, "jfr"),
				LoadPlan.closed(BUYERS, Duration.ZERO, this.settings.profile().plusSeconds(2)));
		this.results.loads.put("checkout profiled", profiled);
		this.results.profile = profiler.summarise("checkout, " + BUYERS + " buyers, provider out of process");
	}

}
