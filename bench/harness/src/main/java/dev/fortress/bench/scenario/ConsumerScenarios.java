package dev.fortress.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.psp.PspStub;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.seed.Database.DropAudit;
import dev.fortress.bench.server.KafkaBroker;
import dev.fortress.bench.server.ServerProcess;
import dev.fortress.bench.system.CpuMeter;

/**
 * What the workers that follow a checkout (notifications, analytics, fulfilment) cost it,
 * consumed in process through the event publication registry (the embedded default)
 * against consumed from Kafka in consumer groups (scale-out mode), on the same paid
 * checkout load as the checkout cost (32 buyers, the provider out of process). Each phase
 * starts the application anew on the same data, in one mode or the other, rotating A B A
 * B so a drift of the shared machine hits both alike; the Kafka broker runs throughout
 * and its CPU is counted in every phase. After each window the benchmark waits until
 * every paid order has its shipment request: the workers kept up, or how long they needed
 * to catch up.
 */
final class ConsumerScenarios {

	static final List<String> MODES = List.of("in-process", "kafka");

	private static final int BUYERS = 32;

	private final Settings settings;

	private final Results results;

	private final Buyers buyers;

	ConsumerScenarios(Settings settings, Results results, Buyers buyers) {
		this.settings = settings;
		this.results = results;
		this.buyers = buyers;
	}

	void run(Path jar, Path harnessJar, Path kafkaLib, Path work, Path dataDir, List<String> jvmOptions)
			throws Exception {
		int pspPort = ServerProcess.freePort();
		try (ServerProcess psp = ServerProcess.start("psp-stub-consumers",
				List.of(ServerProcess.java(), "-Xmx256m", "-cp", harnessJar.toString(), PspStub.class.getName(),
						Integer.toString(pspPort)),
				Map.of(), work, URI.create("http://127.0.0.1:" + pspPort + "/v1/health"), Duration.ofMinutes(1));
				KafkaBroker kafka = KafkaBroker.start(kafkaLib, work)) {
			for (int phase = 1; phase <= this.settings.consumerPhases(); phase++) {
				String mode = MODES.get((phase - 1) % MODES.size());
				Map<String, String> env = new LinkedHashMap<>();
				env.put("FORTRESS_PSP_URL", "http://127.0.0.1:" + pspPort + "/v1");
				env.put("FORTRESS_PSP_API_KEY", "sk_bench_stub_accepts_any_key");
				if (mode.equals("kafka")) {
					env.put("FORTRESS_KAFKA_BOOTSTRAP", kafka.bootstrap());
				}
				try (FortressSession session = FortressSession.start("fortress-consumers-" + phase + "-" + mode, jar,
						work, dataDir, env, psp.pid(), jvmOptions)) {
					session.track("kafka", kafka.pid());
					measure(session, phase, mode);
				}
			}
		}
	}

	private void measure(FortressSession session, int phase, String mode) throws Exception {
		DropScenarios drops = new DropScenarios(this.settings, this.results, this.buyers);
		UUID warm = drops.newDrop(session, DropScenarios.BIG, DropScenarios.BIG);
		session.meter.run("consumers " + phase + " warm-up", drops.checkout(session, warm, "conswarm" + phase),
				LoadPlan.closed(BUYERS, this.settings.strategyWarmup(), Duration.ofSeconds(1)));
		// The warm-up's backlog is worked off first, so the window pays only for its own
		// orders.
		drain(session, warm, "consumers " + phase + " warm-up");
		UUID drop = drops.newDrop(session, DropScenarios.BIG, DropScenarios.BIG);
		String name = "consumers phase " + phase + " " + mode;
		// No lead-in: every order of the drop is placed inside the window, so the window
		// and the catch-up after it together hold all the work of exactly these orders.
		Measured measured = session.meter.run(name, drops.checkout(session, drop, "cons" + phase),
				LoadPlan.closed(BUYERS, Duration.ZERO, this.settings.costMeasure()), session.database::counters);
		this.results.loads.put(name, measured);
		long unshipped = session.database.unshipped(drop);
		Map<String, Long> before = session.database.counters();
		CpuMeter.Sample first = session.cpuSample();
		double drain = drain(session, drop, name);
		CpuMeter.Usage catchUp = session.cpuSample().since(first);
		Map<String, Long> after = session.database.counters();
		Map<String, Long> written = new LinkedHashMap<>();
		after.forEach((counter, value) -> written.put(counter, value - before.getOrDefault(counter, 0L)));
		Map<String, Double> cpu = new LinkedHashMap<>();
		for (String owner : List.of("app", "postgres", "kafka")) {
			cpu.put(owner, catchUp.of(owner));
		}
		DropAudit audit = session.database.audit(drop);
		Invariants.check(audit, measured.load(), DropScenarios.BIG, 0, false)
			.stream()
			// In scale-out mode the registry holds no delivery of OrderPlaced when no
			// in-process listener takes it: the shipment check is this mode's proof.
			.filter((problem) -> !(mode.equals("kafka") && problem.contains("without an OrderPlaced event")))
			.forEach((problem) -> this.results.failures.add(name + ": " + problem));
		this.results.consumerPhases.add(new Results.ConsumerPhase(phase, mode, name,
				audit.ordersByStatus().getOrDefault("PAID", 0L), unshipped, drain, cpu, written));
	}

	/**
	 * Waits until every paid order of the drop has its shipment request (at most 2
	 * minutes, then a failure).
	 * @return how long it took, -1 when it did not happen
	 */
	private double drain(FortressSession session, UUID drop, String name) throws Exception {
		long started = System.nanoTime();
		long deadline = started + Duration.ofMinutes(2).toNanos();
		long left = session.database.unshipped(drop);
		while (left > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			left = session.database.unshipped(drop);
		}
		if (left > 0) {
			this.results.failures
				.add(name + ": " + left + " paid orders without a shipment request 2 min after the load");
			return -1;
		}
		return (System.nanoTime() - started) / 1e9;
	}

}
