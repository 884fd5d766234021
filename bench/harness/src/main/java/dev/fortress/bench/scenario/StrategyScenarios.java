package dev.fortress.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.seed.Database.DropAudit;

/**
 * The reservation strategies compared on one hot SKU. The strategy is a start-up setting
 * ({@code FORTRESS_INVENTORY_STRATEGY}), so each phase starts the application anew on the
 * same data, warms it up on the hot drop, resets the stock, opens a fresh drop and
 * measures; phases rotate A B C A B C so that drift of a shared machine hits every
 * strategy alike, and ratios are taken between adjacent phases. The SKU is free, so an
 * order needs no payment and only the reservation stage is compared.
 */
final class StrategyScenarios {

	static final List<String> STRATEGIES = List.of("row-lock", "conditional", "batched");

	private static final int STOCK = 10_000_000;

	private static final int BUYERS = 256;

	private final Settings settings;

	private final Results results;

	private final Buyers buyers;

	StrategyScenarios(Settings settings, Results results, Buyers buyers) {
		this.settings = settings;
		this.results = results;
		this.buyers = buyers;
	}

	void run(Path jar, Path work, Path dataDir, List<String> jvmOptions) throws Exception {
		for (int phase = 1; phase <= this.settings.strategyPhases(); phase++) {
			String strategy = STRATEGIES.get((phase - 1) % STRATEGIES.size());
			try (FortressSession session = FortressSession.start("fortress-" + phase + "-" + strategy, jar, work,
					dataDir, Map.of("FORTRESS_INVENTORY_STRATEGY", strategy), null, jvmOptions)) {
				DropScenarios drops = new DropScenarios(this.settings, this.results, this.buyers);
				UUID warm = session.api.createDrop(session.admin, freeSku(session), DropScenarios.BIG,
						DropScenarios.BIG);
				session.meter.run("phase " + phase + " warm-up", drops.checkout(session, warm, "warm" + phase),
						LoadPlan.closed(BUYERS, this.settings.strategyWarmup(), Duration.ofSeconds(1)));
				// The stock reset: a fresh hot SKU with the same stock, so late answers
				// of the
				// warm-up cannot touch what is measured and the stock check is exact.
				UUID drop = session.api.createDrop(session.admin, freeSku(session), DropScenarios.BIG,
						DropScenarios.BIG);
				String name = "phase " + phase + " " + strategy;
				Measured measured = session.meter.run(name, drops.checkout(session, drop, "phase" + phase),
						LoadPlan.closed(BUYERS, Duration.ofSeconds(2), this.settings.strategyMeasure()));
				this.results.loads.put(name, measured);
				DropAudit audit = session.database.audit(drop);
				Invariants.check(audit, measured.load(), STOCK, 0, false)
					.forEach(p -> this.results.failures.add(name + ": " + p));
				this.results.phases.add(new Results.Phase(phase, strategy, name, measured.load().goodput(), audit,
						session.fortress.startupSeconds()));
				this.results.startups.add(session.startup("Fortress restart, " + strategy));
			}
		}
	}

	/** A new free SKU with {@link #STOCK} units: its orders need no payment. */
	private static String freeSku(FortressSession session) {
		String sku = "HOT-FREE-" + UUID.randomUUID().toString().substring(0, 8);
		session.api.createProduct(session.admin, "The hot free sneaker " + sku, "Nike", sku, 0, STOCK);
		return sku;
	}

}
