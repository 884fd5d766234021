package dev.fortress.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.load.RequestSource;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Api;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.seed.Database.DropAudit;

/**
 * The flash sale on one running Fortress: sold-out refusals, the burst that must sell
 * exactly its units, and the concurrency sweep (closed loop, then open loop up to twice
 * the peak). After every load the drop is audited against what buyers were told.
 */
final class DropScenarios {

	/** A drop big enough never to sell out during a window. */
	static final int BIG = 1_000_000;

	private static final long PRICE_CENTS = 17_000;

	private final Settings settings;

	private final Results results;

	private final Buyers buyers;

	private int products;

	DropScenarios(Settings settings, Results results, Buyers buyers) {
		this.settings = settings;
		this.results = results;
		this.buyers = buyers;
	}

	/** A live drop of a new priced SKU with {@code units} in stock. */
	UUID newDrop(FortressSession session, int units, int perCustomerLimit) {
		String sku = "DROP-" + (++this.products) + "-" + UUID.randomUUID().toString().substring(0, 8);
		session.api.createProduct(session.admin, "Drop sneaker " + this.products, "Nike", sku, PRICE_CENTS, units);
		return session.api.createDrop(session.admin, sku, units, perCustomerLimit);
	}

	RequestSource checkout(FortressSession session, UUID drop, String tag) {
		return new Checkout(session.host, drop, this.buyers, tag + "-" + UUID.randomUUID().toString().substring(0, 6));
	}

	/**
	 * Refusals of a sold-out drop: their rate in a closed loop, their latency open loop.
	 */
	void soldOut(FortressSession session) throws Exception {
		UUID drop = newDrop(session, 1, 1);
		Api.Reply bought = buy(session.api, drop, 0);
		if (bought.status() != 201) {
			this.results.failures.add("sold-out set-up: the only unit was not sold: " + bought.status());
		}
		RequestSource refusals = Sources.soldOut(checkout(session, drop, "soldout"));
		Measured closed = session.meter.run("sold-out refusals", refusals,
				LoadPlan.closed(this.settings.gateUsers(), this.settings.gateWarmup(), this.settings.gateMeasure()));
		this.results.loads.put("sold-out closed", closed);
		Measured liveness = this.results.loads.get("gate liveness");
		if (liveness != null && !this.settings.smokeMode()) {
			double rate = Math.max(100, 0.7 * liveness.load().rate());
			this.results.loads.put("sold-out open", session.meter.run("sold-out refusals at 0.7x liveness", refusals,
					LoadPlan.open(rate, 256, Duration.ofSeconds(3), this.settings.gateMeasure())));
		}
		DropAudit audit = session.database.audit(drop);
		if (audit.liveOrders() != 1) {
			this.results.failures.add("sold-out: a drop of 1 unit has " + audit.liveOrders() + " live orders");
		}
	}

	/**
	 * 100 units against a burst of buyers, several times: exactly 100 orders each time.
	 */
	void bursts(FortressSession session) throws Exception {
		int units = this.settings.burstUnits();
		for (int run = 1; run <= this.settings.bursts(); run++) {
			UUID drop = newDrop(session, units, 1);
			String name = "burst " + run;
			Measured measured = session.meter.run(name, checkout(session, drop, "burst" + run),
					LoadPlan.burst(this.settings.burstUsers(), this.settings.burstRequests()));
			this.results.loads.put(name, measured);
			DropAudit audit = session.database.audit(drop);
			List<String> problems = new ArrayList<>(Invariants.check(audit, measured.load(), units, 0, false));
			if (audit.orders() != units) {
				problems.add(audit.orders() + " orders, not exactly " + units + " " + audit.ordersByStatus());
			}
			if (audit.eventOrders() != units) {
				problems.add(audit.eventOrders() + " OrderPlaced events, not exactly " + units);
			}
			this.results.bursts.add(new Results.Burst(run, name, audit, problems));
			problems.forEach(p -> this.results.failures.add(name + ": " + p));
		}
	}

	/** Closed-loop buyers at each level; what a lone buyer gets right after. */
	void sweep(FortressSession session) throws Exception {
		for (int users : this.settings.sweep()) {
			UUID drop = newDrop(session, BIG, BIG);
			String name = "checkout " + users + " buyers";
			Measured measured = session.meter.run(name, checkout(session, drop, "sweep" + users),
					LoadPlan.closed(users, this.settings.sweepWarmup(), this.settings.sweepMeasure()));
			this.results.loads.put(name, measured);
			Api.Reply lone = buy(session.api, drop, this.buyers.size() - 1);
			String after = lone.status() + (lone.status() == 201 ? " " + lone.text("status") : " " + lone.text("type"));
			DropAudit audit = session.database.audit(drop);
			List<String> problems = Invariants.check(audit, measured.load(), BIG, lone.status() == 201 ? 1 : 0, true);
			if (lone.status() >= 500) {
				// A healthy provider must never trip the breaker: the next buyer is
				// served.
				problems.add("a lone buyer right after the load got " + after);
			}
			problems.forEach(p -> this.results.failures.add(name + ": " + p));
			this.results.sweep.add(new Results.SweepLevel(users, name, audit, after));
			System.out.printf("  %-34s lone buyer after: %s%n", "", after);
			settle();
		}
		checkCollapse();
	}

	/** Open loop at multiples of the sweep's peak goodput. */
	void openLoop(FortressSession session) throws Exception {
		double peak = this.results.sweep.stream()
			.mapToDouble(level -> this.results.loads.get(level.load()).load().goodput())
			.max()
			.orElse(0);
		for (double factor : this.settings.openLoop()) {
			double rate = Math.max(1, factor * peak);
			UUID drop = newDrop(session, BIG, BIG);
			String name = String.format(Locale.ROOT, "checkout open %.1fx peak", factor);
			Measured measured = session.meter.run(name, checkout(session, drop, "open" + factor),
					LoadPlan.open(rate, 2000, Duration.ofSeconds(5), this.settings.sweepMeasure()));
			this.results.loads.put(name, measured);
			DropAudit audit = session.database.audit(drop);
			Invariants.check(audit, measured.load(), BIG, 0, true)
				.forEach(p -> this.results.failures.add(name + ": " + p));
			settle();
		}
	}

	/**
	 * A collapse: goodput at the highest concurrency under half of that at the lowest.
	 * (Missing the 90% goal is reported, not failed: the machine is shared.)
	 */
	private void checkCollapse() {
		if (this.results.sweep.size() < 2) {
			return;
		}
		Results.SweepLevel low = this.results.sweep.get(0);
		Results.SweepLevel high = this.results.sweep.get(this.results.sweep.size() - 1);
		double lowGoodput = this.results.loads.get(low.load()).load().goodput();
		double highGoodput = this.results.loads.get(high.load()).load().goodput();
		if (highGoodput < 0.5 * lowGoodput) {
			this.results.failures.add(String.format(Locale.ROOT,
					"collapse: %.0f paid orders/s with %d buyers, under half of %.0f/s with %d buyers", highGoodput,
					high.buyers(), lowGoodput, low.buyers()));
		}
	}

	private Api.Reply buy(Api api, UUID drop, int buyer) {
		return api.once("POST", "/api/v1/orders", this.buyers.tokenFor(buyer),
				Map.of("dropId", drop.toString(), "quantity", 1, "payment", Map.of("token", "tok_visa")),
				Map.of("Idempotency-Key", "lone-" + UUID.randomUUID()));
	}

	/** Lets payments settle and connections close between levels. */
	private void settle() throws InterruptedException {
		Thread.sleep(this.settings.smokeMode() ? 500 : 3000);
	}

}
