package dev.fortress.bench.scenario;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How long and how hard each scenario runs. {@code full} warms the JIT for minutes and
 * runs every scenario; {@code smoke} (for CI, about two minutes) checks only the
 * invariants and that checkout does not collapse under concurrency.
 *
 * @param accounts buyer accounts (each costs two Argon2id hashes to create)
 * @param warmup mixed load on a fresh server before anything is measured
 * @param gateWarmup load on one path before its window
 * @param gateMeasure the window of a gate
 * @param gateUsers closed-loop users for the gates and sold-out
 * @param products products in the public list
 * @param tasks tasks in the project whose page is read
 * @param bursts runs of the burst check
 * @param burstUnits units of the drop in a burst (per-customer limit 1, so at most the
 * number of accounts)
 * @param burstRequests purchase attempts per burst
 * @param burstUsers concurrent buyers in a burst
 * @param sweep closed-loop buyers of each level of the checkout sweep
 * @param sweepWarmup load before each level's window
 * @param sweepMeasure each level's window
 * @param openLoop open-loop rates as multiples of the sweep's peak goodput
 * @param strategyPhases phases of the strategy rotation (row-lock, conditional, batched,
 * repeated); 0 to skip
 * @param strategyWarmup load on the hot SKU before a phase's window
 * @param strategyMeasure a phase's window
 * @param checkoutCost whether to measure checkout cost with the provider out of process
 * (and profile it)
 * @param costMeasure the window of the checkout-cost measurement
 * @param profile how long the JFR recording of checkout runs
 * @param hello whether to measure the hello-world yardstick
 * @param consumerPhases phases of the consumer comparison (in process, Kafka, repeated);
 * 0 to skip
 */
public record Settings(String mode, int accounts, Duration warmup, Duration gateWarmup, Duration gateMeasure,
		int gateUsers, int products, int tasks, int bursts, int burstUnits, int burstRequests, int burstUsers,
		List<Integer> sweep, Duration sweepWarmup, Duration sweepMeasure, List<Double> openLoop, int strategyPhases,
		Duration strategyWarmup, Duration strategyMeasure, boolean checkoutCost, Duration costMeasure, Duration profile,
		boolean hello, int consumerPhases) {

	public static Settings full() {
		return new Settings("full", 1000, Duration.ofSeconds(150), Duration.ofSeconds(10), Duration.ofSeconds(20), 32,
				100, 100_000, 10, 100, 20_000, 1000, List.of(8, 32, 128, 256, 1000, 5000), Duration.ofSeconds(10),
				Duration.ofSeconds(20), List.of(0.5, 1.0, 1.5, 2.0), 6, Duration.ofSeconds(60), Duration.ofSeconds(20),
				true, Duration.ofSeconds(30), Duration.ofSeconds(20), true, 4);
	}

	/**
	 * Every scenario with short windows: for trying the harness; the numbers mean little.
	 */
	public static Settings quick() {
		return new Settings("quick", 110, Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(5), 32, 20,
				2_000, 1, 100, 2_000, 110, List.of(8, 256), Duration.ofSeconds(3), Duration.ofSeconds(5),
				List.of(0.5, 2.0), 3, Duration.ofSeconds(5), Duration.ofSeconds(5), true, Duration.ofSeconds(8),
				Duration.ofSeconds(8), true, 2);
	}

	public static Settings smoke() {
		return new Settings("smoke", 64, Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(3), 32, 0, 0, 2, 50,
				2_000, 64, List.of(8, 256), Duration.ofSeconds(3), Duration.ofSeconds(6), List.<Double>of(), 0,
				Duration.ZERO, Duration.ZERO, false, Duration.ZERO, Duration.ZERO, false, 0);
	}

	public static Settings named(String mode) {
		Settings settings = switch (mode) {
			case "smoke" -> smoke();
			case "quick" -> quick();
			case "full" -> full();
			default -> throw new IllegalArgumentException("mode must be full, quick or smoke, not " + mode);
		};
		String sweep = System.getenv("BENCH_SWEEP");
		return (sweep == null || sweep.isBlank()) ? settings : settings.withSweep(sweep);
	}

	/** The same settings with other sweep levels ({@code BENCH_SWEEP=1000,5000}). */
	Settings withSweep(String levels) {
		List<Integer> sweep = Arrays.stream(levels.split(",")).map(String::trim).map(Integer::valueOf).toList();
		return new Settings(this.mode, this.accounts, this.warmup, this.gateWarmup, this.gateMeasure, this.gateUsers,
				this.products, this.tasks, this.bursts, this.burstUnits, this.burstRequests, this.burstUsers, sweep,
				this.sweepWarmup, this.sweepMeasure, this.openLoop, this.strategyPhases, this.strategyWarmup,
				this.strategyMeasure, this.checkoutCost, this.costMeasure, this.profile, this.hello,
				this.consumerPhases);
	}

	public boolean smokeMode() {
		return this.mode.equals("smoke");
	}

}
