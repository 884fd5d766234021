package dev.fortress.bench.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.server.FakeLanguageModel;

/**
 * The order of a run. One Fortress, started on a fresh data directory, carries the
 * scenarios that need no restart (seeding, warm-up, gates, sold-out, bursts, the sweep
 * and the open loop); then the hello-world yardstick; then one restart per strategy phase
 * and one with the provider out of process, all on the same data.
 */
public final class Plan {

	private final Settings settings;

	private final Results results;

	private final Path work;

	private final Path fortressJar;

	private final Path helloJar;

	private final Path harnessJar;

	private final List<String> jvmOptions;

	private Runnable checkpoint = () -> {
	};

	private Set<String> only = Set.of();

	private Path kafkaLib;

	public Plan(Settings settings, Results results, Path work, Path fortressJar, Path helloJar, Path harnessJar,
			List<String> jvmOptions) {
		this.settings = settings;
		this.results = results;
		this.work = work;
		this.fortressJar = fortressJar;
		this.helloJar = helloJar;
		this.harnessJar = harnessJar;
		this.jvmOptions = jvmOptions;
	}

	/** The Kafka broker's jars, for the consumer comparison; null skips it. */
	public Plan kafkaLib(Path kafkaLib) {
		this.kafkaLib = kafkaLib;
		return this;
	}

	/** Called after each scenario, so an interrupted run still leaves its results. */
	public Plan checkpoint(Runnable checkpoint) {
		this.checkpoint = checkpoint;
		return this;
	}

	/**
	 * Runs only the named scenarios ({@link #SCENARIOS}); empty runs them all. For
	 * working on one number: the report then holds only what ran.
	 */
	public Plan only(Set<String> scenarios) {
		for (String name : scenarios) {
			if (!SCENARIOS.contains(name)) {
				throw new IllegalArgumentException("unknown scenario " + name + ", expected one of " + SCENARIOS);
			}
		}
		this.only = scenarios;
		return this;
	}

	public static final List<String> SCENARIOS = List.of("gates", "soldout", "bursts", "sweep", "openloop", "hello",
			"strategies", "cost", "consumers", "realtime", "watchers", "answers", "moderation");

	private boolean runs(String scenario) {
		return this.only.isEmpty() || this.only.contains(scenario);
	}

	public void run() throws Exception {
		Path dataDir = this.work.resolve("data");
		Buyers buyers;
		try (FortressSession session = FortressSession.start("fortress", this.fortressJar, this.work, dataDir, Map.of(),
				null, this.jvmOptions)) {
			this.results.database = session.database.settings();
			long seeding = System.nanoTime();
			System.out.printf("Seeding %d buyer accounts%n", this.settings.accounts());
			buyers = Buyers.create(session.api, this.settings.accounts(), 4);
			this.results.notes.add(String.format(
					"Buyers: %d accounts registered and logged in through the API in %.0f s (two Argon2id hashes "
							+ "each); simulated buyer b uses account b mod %d.",
					buyers.size(), (System.nanoTime() - seeding) / 1e9, buyers.size()));
			GateScenarios gates = new GateScenarios(this.settings, this.results);
			DropScenarios drops = new DropScenarios(this.settings, this.results, buyers);
			if (runs("gates")) {
				System.out.printf("Seeding %d products and %d tasks%n", this.settings.products(),
						this.settings.tasks());
				String owner = gates.seedReads(session);
				UUID warm = drops.newDrop(session, DropScenarios.BIG, DropScenarios.BIG);
				gates.warmUp(session, owner, drops.checkout(session, warm, "warm"));
				gates.fortressGates(session, owner);
				this.checkpoint.run();
			}
			if (runs("soldout")) {
				drops.soldOut(session);
				this.checkpoint.run();
			}
			if (runs("bursts")) {
				drops.bursts(session);
				this.checkpoint.run();
			}
			if (runs("sweep") || runs("openloop")) {
				drops.sweep(session);
				this.checkpoint.run();
			}
			if (runs("openloop")) {
				drops.openLoop(session);
			}
			if (runs("watchers")) {
				new WatcherScenarios(this.settings, this.results, buyers).run(session);
				this.checkpoint.run();
			}
			this.results.startups.add(session.startup("Fortress first start (fresh data dir: initdb, migrations)"));
		}
		this.checkpoint.run();
		if (this.settings.hello() && runs("hello")) {
			new GateScenarios(this.settings, this.results).hello(this.helloJar, this.work, this.jvmOptions);
			this.checkpoint.run();
		}
		if (this.settings.strategyPhases() > 0 && runs("strategies")) {
			new StrategyScenarios(this.settings, this.results, buyers).run(this.fortressJar, this.work, dataDir,
					this.jvmOptions);
			this.checkpoint.run();
		}
		if (this.settings.checkoutCost() && runs("cost")) {
			new CheckoutCost(this.settings, this.results, buyers).run(this.fortressJar, this.harnessJar, this.work,
					dataDir, this.jvmOptions);
			this.checkpoint.run();
		}
		if (this.settings.consumerPhases() > 0 && runs("consumers")) {
			if (this.kafkaLib == null) {
				this.results.notes.add("Consumers: skipped, no Kafka broker jars (bench/run fetches them).");
			}
			else {
				new ConsumerScenarios(this.settings, this.results, buyers).run(this.fortressJar, this.harnessJar,
						this.kafkaLib, this.work, dataDir, this.jvmOptions);
			}
		}
		if (!this.settings.smokeMode() && runs("realtime")) {
			try (FortressSession session = FortressSession.start("fortress-realtime", this.fortressJar, this.work,
					dataDir, Map.of(), null, this.jvmOptions)) {
				new RealtimeScenarios(this.settings, this.results, buyers).run(session);
			}
			this.checkpoint.run();
		}
		if (!this.settings.smokeMode() && runs("answers")) {
			try (FakeLanguageModel model = AnswerScenarios.model();
					FortressSession session = FortressSession.start("fortress-answers", this.fortressJar, this.work,
							dataDir, AnswerScenarios.environment(model), null, this.jvmOptions)) {
				new AnswerScenarios(this.settings, this.results, buyers).run(session, model);
			}
			this.checkpoint.run();
		}
		if (!this.settings.smokeMode() && runs("moderation")) {
			// a second instance on a copy of the same data, started with moderation off
			Path unscreenedData = ModerationScenarios.copy(dataDir, this.work.resolve("data-unscreened"));
			try (FortressSession screened = FortressSession.start("fortress-screened", this.fortressJar, this.work,
					dataDir, Map.of(), null, this.jvmOptions);
					FortressSession unscreened = FortressSession.start("fortress-unscreened", this.fortressJar,
							this.work, unscreenedData, Map.of("FORTRESS_MODERATION_ENABLED", "false"), null,
							this.jvmOptions)) {
				new ModerationScenarios(this.settings, this.results, buyers).run(screened, unscreened);
			}
			this.checkpoint.run();
		}
	}

}