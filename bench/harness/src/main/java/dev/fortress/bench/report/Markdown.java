package dev.fortress.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.fortress.bench.load.LoadResult;
import dev.fortress.bench.scenario.Measured;

/**
 * Renders a run's results as the generated part of {@code docs/performance.md}: the run
 * and the machine, every goal with its measured value, then the tables behind them.
 */
public final class Markdown {

	private static final String MET = "✅ met";

	private static final String MISSED = "❌ missed";

	private final Results r;

	private final StringBuilder out = new StringBuilder();

	private Markdown(Results results) {
		this.r = results;
	}

	public static String render(Results results) {
		return new Markdown(results).all();
	}

	private String all() {
		run();
		goals();
		gates();
		soldOut();
		sweep();
		openLoop();
		strategies();
		bursts();
		checkoutCost();
		consumers();
		fanouts();
		watchers();
		answers();
		moderation();
		startups();
		profile();
		notes();
		return this.out.toString();
	}

	private void run() {
		this.out.append("### The run\n\n");
		Table table = new Table("", "");
		table.row("command", "`" + this.r.command + "`");
		table.row("mode", this.r.mode + " (" + Table.num(this.r.minutes, 1) + " minutes)");
		table.row("started", this.r.startedAt);
		table.row("commit", this.r.commit);
		this.r.machine.forEach(table::row);
		table.row("PostgreSQL",
				this.r.database.getOrDefault("server_version", "?") + ", fsync="
						+ this.r.database.getOrDefault("fsync", "?") + ", synchronous_commit="
						+ this.r.database.getOrDefault("synchronous_commit", "?") + ", shared_buffers="
						+ this.r.database.getOrDefault("shared_buffers", "?"));
		table.row("CPU used by other work during the windows",
				Table.num(othersAverage(), 2) + " cores on average, " + Table.num(othersMax(), 2) + " at most");
		this.out.append(table);
	}

	private void goals() {
		this.out.append("### Goals\n\n");
		Table table = new Table("goal", "target", "measured", "verdict");
		Measured liveness = load("gate liveness");
		double peak = sweepPeak();
		for (Results.SweepLevel level : this.r.sweep) {
			if (level.buyers() >= 256) {
				double goodput = load(level.load()).load().goodput();
				table.row("checkout goodput, " + level.buyers() + " closed-loop buyers",
						"≥ 90 % of peak (" + Table.num(peak, 0) + "/s)",
						Table.num(goodput, 0) + "/s = " + Table.percent(goodput / peak),
						verdict(goodput >= 0.9 * peak));
			}
		}
		this.r.loads.forEach((name, m) -> {
			if (name.startsWith("checkout open")) {
				// Below the peak the most goodput can be is what is offered.
				double ceiling = Math.min(peak, m.load().offered());
				table.row(
						"checkout goodput, open loop " + Table.num(m.load().offered(), 0) + "/s offered ("
								+ name.substring("checkout open ".length()) + ")",
						"≥ 90 % of min(peak, offered)",
						Table.num(m.load().goodput(), 0) + "/s = " + Table.percent(m.load().goodput() / ceiling),
						verdict(m.load().goodput() >= 0.9 * ceiling));
			}
		});
		if (!this.r.sweep.isEmpty()) {
			long tripped = this.r.sweep.stream().filter(l -> !l.loneBuyerAfter().startsWith("201")).count();
			table.row("a lone buyer right after each sweep level (breaker not tripped)", "201",
					tripped == 0 ? "201 after every level" : tripped + " of " + this.r.sweep.size() + " levels refused",
					verdict(tripped == 0));
		}
		long noRetryAfter = this.r.loads.values()
			.stream()
			.mapToLong(m -> m.load().totalOutcomes().getOrDefault("503 without Retry-After", 0L))
			.sum();
		long shed = this.r.loads.values().stream().mapToLong(m -> m.load().total("503")).sum();
		table.row("load shed with 503 + Retry-After", "every 503", shed + " with, " + noRetryAfter + " without",
				verdict(noRetryAfter == 0));
		table.row("durable default: embedded PostgreSQL fsync and synchronous_commit", "on / on",
				this.r.database.getOrDefault("fsync", "?") + " / "
						+ this.r.database.getOrDefault("synchronous_commit", "?"),
				verdict("on".equals(this.r.database.get("fsync"))
						&& "on".equals(this.r.database.get("synchronous_commit"))));
		Measured cost = load("checkout cost (provider out of process)");
		if (cost != null) {
			double total = (cost.cpuPerGood("app") + cost.cpuPerGood("postgres")) / 1000;
			table.row("checkout CPU, app + PostgreSQL per paid order (provider out of process)", "≤ 1.5 ms",
					Table.ms(total) + " ms (" + Table.ms(cost.cpuPerGood("app") / 1000) + " + "
							+ Table.ms(cost.cpuPerGood("postgres") / 1000) + ")",
					verdict(total <= 1.5));
		}
		if (!this.r.phases.isEmpty()) {
			double vsRowLock = medianRatio("batched", "row-lock");
			double vsConditional = medianRatio("batched", "conditional");
			table.row("reservations/s, batched ÷ row-lock (hot SKU, 256 buyers)", "≥ 10×",
					Table.num(vsRowLock, 2) + "×", verdict(vsRowLock >= 10));
			table.row("reservations/s, batched ÷ conditional", "≥ 3×", Table.num(vsConditional, 2) + "×",
					verdict(vsConditional >= 3));
		}
		Measured soldOutClosed = load("sold-out closed");
		Measured soldOutOpen = load("sold-out open");
		if (soldOutClosed != null && liveness != null) {
			double ratio = soldOutClosed.load().goodput() / liveness.load().rate();
			table.row("sold-out refusals ÷ liveness rate", "≥ 0.7×",
					Table.num(ratio, 2) + "× (" + Table.num(soldOutClosed.load().goodput(), 0) + " vs "
							+ Table.num(liveness.load().rate(), 0) + "/s)",
					verdict(ratio >= 0.7));
		}
		if (soldOutOpen != null) {
			double p99 = soldOutOpen.load().latency().p99();
			table.row("sold-out p99 (open loop at 0.7× liveness rate)", "≤ 5 ms", Table.ms(p99) + " ms",
					verdict(p99 <= 5));
		}
		Measured hello = load("hello /hello");
		if (liveness != null && hello != null) {
			double ratio = liveness.load().rate() / hello.load().rate();
			table.row(
					"liveness ÷ hello-world with the same starters", "≥ 0.8×", Table.num(ratio, 2) + "× ("
							+ Table.num(liveness.load().rate(), 0) + " vs " + Table.num(hello.load().rate(), 0) + "/s)",
					verdict(ratio >= 0.8));
		}
		gateRatio(table, "gate tasks", "authenticated page of 50 of 100,000 tasks ÷ liveness", 0.4);
		gateRatio(table, "gate products", "public product list ÷ liveness", 0.5);
		if (!this.r.bursts.isEmpty()) {
			long clean = this.r.bursts.stream().filter(b -> b.problems().isEmpty()).count();
			table.row(
					"burst: 100 units vs " + burstAttempts() + " attempts: exactly 100 orders and 100 OrderPlaced, "
							+ "no oversell, no 5xx",
					"every run", clean + " of " + this.r.bursts.size() + " runs",
					verdict(clean == this.r.bursts.size()));
		}
		double generatorMax = this.r.loads.values()
			.stream()
			.mapToDouble(m -> m.cpu().cores("generator"))
			.max()
			.orElse(0);
		double fastest = this.r.loads.values().stream().mapToDouble(m -> m.load().rate()).max().orElse(0);
		table.row("the generator is not the bottleneck", "well under 1 core",
				"at most " + Table.num(generatorMax, 2) + " cores (fastest window " + Table.num(fastest, 0) + " req/s)",
				verdict(generatorMax < 0.8));
		this.out.append(table);
	}

	private void gateRatio(Table table, String name, String goal, double target) {
		Measured gate = load(name);
		Measured liveness = load("gate liveness");
		if (gate == null || liveness == null) {
			return;
		}
		double ratio = gate.load().rate() / liveness.load().rate();
		table.row(goal, "≥ " + target + "×", Table.num(ratio, 2) + "× (" + Table.num(gate.load().rate(), 0) + "/s)",
				verdict(ratio >= target));
	}

	private void gates() {
		Table table = latencyTable("path", "req/s");
		for (String name : List.of("gate liveness", "gate products", "gate tasks", "hello /hello", "hello liveness")) {
			Measured m = load(name);
			if (m != null) {
				latencyRow(table, name.replace("gate ", "Fortress ").replace("hello ", "hello-world "), m,
						m.load().rate(), m.load().answered());
			}
		}
		section("Gates (closed loop, " + usersOf("gate liveness") + " connections)",
				"CPU is per request, in µs. A fast path is one whose CPU per request is small; the "
						+ "rate on a 2-core machine shared with the generator follows from it.",
				table);
	}

	private void soldOut() {
		Table table = latencyTable("load", "refusals/s");
		for (String name : List.of("sold-out closed", "sold-out open")) {
			Measured m = load(name);
			if (m != null) {
				latencyRow(table, m.load().plan().describe(), m, m.load().goodput(), m.load().answered());
			}
		}
		section("Sold out", "Every attempt on a sold-out drop; goodput is the `409 sold-out` answer.", table);
	}

	private void sweep() {
		Table table = new Table("buyers", "paid orders/s", "p50 ms", "p99 ms", "max ms", "app µs/req", "PG µs/req",
				"app + PG ms/paid", "gen µs/req", "others (cores)", "lone buyer after", "answers in the window");
		for (Results.SweepLevel level : this.r.sweep) {
			Measured m = load(level.load());
			LoadResult l = m.load();
			// Per paid order only where paid orders are the work done, not a rare
			// exception.
			boolean paidMatter = l.good() * 100 >= l.answered();
			table.row(level.buyers(), Table.num(l.goodput(), 0), Table.ms(l.latency().p50()),
					Table.ms(l.latency().p99()), Table.ms(l.latency().max()), Table.num(m.cpuPerRequest("app"), 0),
					Table.num(m.cpuPerRequest("postgres"), 0),
					paidMatter ? Table.ms((m.cpuPerGood("app") + m.cpuPerGood("postgres")) / 1000) : "–",
					Table.num(m.cpuPerRequest("generator"), 0), Table.num(m.cpu().cores("others"), 2),
					level.loneBuyerAfter().replaceAll("https?://\\S+/", ""), l.outcomes());
		}
		section("Checkout concurrency sweep (closed loop, default configuration, built-in sandbox provider)",
				"Every buyer attempt is a new Idempotency-Key; goodput is `201 PAID`.", table);
	}

	private void openLoop() {
		Table table = new Table("offered/s", "answered/s", "paid/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms",
				"not sent (backlog)", "answers in the window");
		this.r.loads.forEach((name, m) -> {
			if (name.startsWith("checkout open")) {
				LoadResult l = m.load();
				table.row(Table.num(l.offered(), 0), Table.num(l.rate(), 0), Table.num(l.goodput(), 0),
						Table.ms(l.latency().p50()), Table.ms(l.latency().p90()), Table.ms(l.latency().p99()),
						Table.ms(l.latency().p999()), Table.ms(l.latency().max()), l.backlog(), l.outcomes());
			}
		});
		section("Checkout, open loop (latency from each request's intended send time)",
				"Rates are multiples of the sweep's peak goodput (" + Table.num(sweepPeak(), 0) + "/s).", table);
	}

	private void strategies() {
		Table table = new Table("phase", "strategy", "start-up s", "reservations/s", "p50 ms", "p99 ms", "app µs/res",
				"PG µs/res", "others (cores)", "answers in the window");
		for (Results.Phase phase : this.r.phases) {
			Measured m = load(phase.load());
			LoadResult l = m.load();
			table.row(phase.index(), phase.strategy(), Table.num(phase.startupSeconds(), 1),
					Table.num(phase.goodput(), 0), Table.ms(l.latency().p50()), Table.ms(l.latency().p99()),
					Table.num(m.cpuPerGood("app"), 0), Table.num(m.cpuPerGood("postgres"), 0),
					Table.num(m.cpu().cores("others"), 2), l.outcomes());
		}
		String ratios = this.r.phases.isEmpty() ? ""
				: "Medians of adjacent-phase ratios: batched ÷ row-lock "
						+ Table.num(medianRatio("batched", "row-lock"), 2) + "×, batched ÷ conditional "
						+ Table.num(medianRatio("batched", "conditional"), 2) + "×, conditional ÷ row-lock "
						+ Table.num(medianRatio("conditional", "row-lock"), 2) + "×.";
		section("Reservation strategies on one hot SKU (256 closed-loop buyers, free SKU: no payment)",
				"Each phase restarts the application with `FORTRESS_INVENTORY_STRATEGY`, warms up on the hot "
						+ "drop, resets the stock and measures a fresh drop. " + ratios,
				table);
	}

	private void bursts() {
		Table table = new Table("run", "attempts", "201", "409", "5xx", "orders", "OrderPlaced", "sold / units",
				"p99 ms", "max ms", "invariants");
		for (Results.Burst burst : this.r.bursts) {
			LoadResult l = load(burst.load()).load();
			table.row(burst.run(), l.answered(), l.totalStartingWith("201"), l.totalStartingWith("409"),
					l.totalStartingWith("5"), burst.audit().orders() + " " + burst.audit().ordersByStatus(),
					burst.audit().eventOrders(), burst.audit().sold() + " / " + burst.audit().quantity(),
					Table.ms(l.latency().p99()), Table.ms(l.latency().max()),
					burst.problems().isEmpty() ? "ok" : String.join("; ", burst.problems()));
		}
		section("Correctness under burst (100 units, per-customer limit 1)",
				"Closed loop of " + usersOf(this.r.bursts.isEmpty() ? "" : this.r.bursts.get(0).load())
						+ " buyers; the database is audited after each run.",
				table);
	}

	private void checkoutCost() {
		Measured m = load("checkout cost (provider out of process)");
		if (m == null) {
			return;
		}
		long paid = m.load().good();
		Table table = new Table("per paid order", "value");
		table.row("paid orders in the window", paid + " (" + Table.num(m.load().goodput(), 0) + "/s, p99 "
				+ Table.ms(m.load().latency().p99()) + " ms)");
		table.row("application CPU", Table.num(m.cpuPerGood("app"), 0) + " µs");
		table.row("PostgreSQL CPU", Table.num(m.cpuPerGood("postgres"), 0) + " µs");
		table.row("provider (out of process, not counted)", Table.num(m.cpuPerGood("provider"), 0) + " µs");
		table.row("generator", Table.num(m.cpuPerGood("generator"), 0) + " µs");
		for (Map.Entry<String, Long> counter : m.database().entrySet()) {
			boolean significant = counter.getKey().startsWith("writes ") ? Math.abs(counter.getValue()) >= paid / 10
					: counter.getValue() != 0;
			if (significant) {
				table.row(counter.getKey(), Table.num((double) counter.getValue() / paid, 2));
			}
		}
		section("Checkout cost (32 buyers, the provider out of process)",
				"Commits and rows from PostgreSQL's statistics over the window (they include the work of "
						+ "background jobs in that window, e.g. the publication registry).",
				table);
	}

	/**
	 * The drop counter comparison: checkout with and without 5,000 SSE watchers of its
	 * drop; the ratio is the median over adjacent phases.
	 */
	private void watchers() {
		if (this.r.watcherPhases.isEmpty()) {
			return;
		}
		Table table = new Table("phase", "SSE watchers", "paid/s", "p50 ms", "p99 ms", "app µs/request",
				"PostgreSQL µs/request", "events per watcher", "fan-out ms per update", "answers in the window");
		for (Results.WatcherPhase phase : this.r.watcherPhases) {
			Measured m = load(phase.load());
			LoadResult l = m.load();
			table.row(phase.index(), phase.watchers(), Table.num(l.goodput(), 0), Table.ms(l.latency().p50()),
					Table.ms(l.latency().p99()), Table.num(m.cpuPerRequest("app"), 0),
					Table.num(m.cpuPerRequest("postgres"), 0), Table.num(phase.eventsPerWatcher(), 1),
					Table.num(phase.fanOutMillis(), 1), l.outcomes());
		}
		section("Checkout while 5,000 watch the drop (256 closed-loop buyers, Server-Sent Events)",
				"Phases alternate without watchers and with 5,000 streams of the drop open throughout. Median of "
						+ "adjacent-phase ratios, with ÷ without: paid/s " + Table.num(watcherRatio(false), 2)
						+ "×, app CPU per request " + Table.num(watcherRatio(true), 2) + "×.",
				table);
	}

	/**
	 * Answers next to search: each phase's latency and CPU per request, the generated
	 * answers' latency also without the fake model's fixed time; the ratios are medians
	 * over the rounds (each round's phases ran within a minute of each other).
	 */
	private void answers() {
		if (this.r.answerPhases.isEmpty()) {
			return;
		}
		Table table = new Table("round", "load", "phase", "answers/s", "p50 ms", "p99 ms", "p50 − model ms",
				"p99 − model ms", "app µs/request", "app µs/request, idle taken out", "PostgreSQL µs/request",
				"model calls", "answers in the window");
		for (Results.AnswerPhase phase : this.r.answerPhases) {
			Measured m = load(phase.load());
			LoadResult l = m.load();
			boolean model = phase.modelMillis() > 0;
			table.row(phase.round(), phase.rate() > 0 ? "open " + Table.num(phase.rate(), 0) + "/s" : "closed",
					phase.kind(), Table.num(l.rate(), 1), Table.ms(l.latency().p50()), Table.ms(l.latency().p99()),
					model ? Table.ms(l.latency().p50() - phase.modelMillis()) : "",
					model ? Table.ms(l.latency().p99() - phase.modelMillis()) : "",
					Table.num(m.cpuPerRequest("app"), 0), Table.num(netCpu(m), 0),
					Table.num(m.cpuPerRequest("postgres"), 0), phase.modelCalls(), l.outcomes());
		}
		StringBuilder ratios = new StringBuilder();
		for (boolean open : new boolean[] { false, true }) {
			ratios.append(String.format(
					"%s: ask (cached) ÷ search: p50 %s×, p99 %s×, app CPU per request %s×; ask (generated, the "
							+ "model's time subtracted) ÷ search: p50 %s×, p99 %s×, app CPU per request %s×; ask "
							+ "(extractive) ÷ search: p50 %s×, app CPU per request %s×. ",
					open ? "Open loop at one rate, medians over the rounds" : "Closed loop, medians over the rounds",
					Table.num(answerRatio("cached", 50, false, open), 2),
					Table.num(answerRatio("cached", 99, false, open), 2),
					Table.num(answerRatio("cached", 0, true, open), 2),
					Table.num(answerRatio("generated", 50, false, open), 2),
					Table.num(answerRatio("generated", 99, false, open), 2),
					Table.num(answerRatio("generated", 0, true, open), 2),
					Table.num(answerRatio("extractive", 50, false, open), 2),
					Table.num(answerRatio("extractive", 0, true, open), 2)));
		}
		ratios.append("CPU with the idle instance's CPU over the same time taken out.");
		section("Answers next to search (a fake model in the harness)",
				"Rounds of interleaved phases, 4 closed-loop users, then the same at one open-loop rate: search, "
						+ "ask generated (new questions), ask cached (one repeated "
						+ "question; the model must get no call), ask extractive (new questions from a user whose "
						+ "daily budget is spent). " + ratios,
				table);
	}

	/**
	 * Chat posts with screening and without, alternating between two instances; the
	 * ratios are medians over the rounds.
	 */
	private void moderation() {
		if (this.r.moderationPhases.isEmpty()) {
			return;
		}
		Table table = new Table("round", "screening", "posts/s", "p50 ms", "p99 ms", "max ms", "app µs/post",
				"PostgreSQL µs/post", "answers in the window");
		List<Double> p50 = new ArrayList<>();
		List<Double> p99 = new ArrayList<>();
		List<Double> cpu = new ArrayList<>();
		Measured previous = null;
		for (Results.ModerationPhase phase : this.r.moderationPhases) {
			Measured m = load(phase.load());
			LoadResult l = m.load();
			table.row(phase.round(), phase.screening() ? "as shipped" : "off", Table.num(l.rate(), 1),
					Table.ms(l.latency().p50()), Table.ms(l.latency().p99()), Table.ms(l.latency().max()),
					Table.num(m.cpuPerRequest("app"), 0), Table.num(m.cpuPerRequest("postgres"), 0), l.outcomes());
			if (!phase.screening() && previous != null) {
				p50.add(previous.load().latency().p50() / l.latency().p50());
				p99.add(previous.load().latency().p99() / l.latency().p99());
				cpu.add(previous.cpuPerRequest("app") / m.cpuPerRequest("app"));
			}
			previous = phase.screening() ? m : null;
		}
		section("Chat posts screened and not (open loop, " + "10" + " posts/s, authors in turn)",
				"Two instances on copies of the same data, one with `FORTRESS_MODERATION_ENABLED=false`, loaded in "
						+ "turn. Medians over the rounds, screened ÷ off: p50 " + Table.num(median(p50), 2) + "×, p99 "
						+ Table.num(median(p99), 2) + "×, app CPU per post " + Table.num(median(cpu), 2) + "×.",
				table);
	}

	private static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	/**
	 * App CPU per request less what the instance spends idle over the same time: at a few
	 * answers a second the idle work is a visible share of each.
	 */
	private double netCpu(Measured m) {
		double seconds = m.cpu().of("app") - this.r.answersIdleCores * m.cpu().wall();
		return seconds * 1e6 / m.load().answered();
	}

	/**
	 * The median over rounds of {@code kind} ÷ search in the same round: latency at
	 * {@code percentile} (50 or 99, the model's time subtracted) or app CPU per request.
	 */
	private double answerRatio(String kind, int percentile, boolean cpu, boolean open) {
		List<Double> found = new ArrayList<>();
		for (Results.AnswerPhase phase : this.r.answerPhases) {
			if (!phase.kind().equals(kind) || (phase.rate() > 0) != open) {
				continue;
			}
			this.r.answerPhases.stream()
				.filter((p) -> p.round() == phase.round() && p.kind().equals("search") && p.rate() == phase.rate())
				.findFirst()
				.ifPresent((search) -> {
					Measured a = load(phase.load());
					Measured b = load(search.load());
					if (cpu) {
						found.add(netCpu(a) / netCpu(b));
					}
					else if (percentile == 50) {
						found.add((a.load().latency().p50() - phase.modelMillis()) / b.load().latency().p50());
					}
					else {
						found.add((a.load().latency().p99() - phase.modelMillis()) / b.load().latency().p99());
					}
				});
		}
		if (found.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(found);
		int n = found.size();
		return n % 2 == 1 ? found.get(n / 2) : (found.get(n / 2 - 1) + found.get(n / 2)) / 2;
	}

	/** Median over adjacent phases of with ÷ without: paid/s, or app CPU per request. */
	private double watcherRatio(boolean cpu) {
		List<Double> found = new ArrayList<>();
		List<Results.WatcherPhase> phases = this.r.watcherPhases;
		for (int i = 0; i + 1 < phases.size(); i++) {
			Results.WatcherPhase a = phases.get(i);
			Results.WatcherPhase b = phases.get(i + 1);
			if ((a.watchers() == 0) != (b.watchers() == 0)) {
				Measured with = load((a.watchers() > 0 ? a : b).load());
				Measured without = load((a.watchers() > 0 ? b : a).load());
				found.add(cpu ? with.cpuPerRequest("app") / without.cpuPerRequest("app")
						: with.load().goodput() / without.load().goodput());
			}
		}
		if (found.isEmpty()) {
			return 0;
		}
		Collections.sort(found);
		return found.get(found.size() / 2);
	}

	/**
	 * The consumer comparison: per paid order, CPU of the application, PostgreSQL and the
	 * Kafka broker, commits and rows written, counting the window and the catch-up after
	 * it, in process against from Kafka; the ratio is the median over adjacent phases.
	 */
	private void consumers() {
		if (this.r.consumerPhases.isEmpty()) {
			return;
		}
		Table table = new Table("phase", "consumers", "paid/s", "p99 ms", "not shipped when the load stopped",
				"caught up in s", "app µs/paid", "PostgreSQL µs/paid", "Kafka µs/paid", "commits/paid",
				"rows written/paid");
		for (Results.ConsumerPhase phase : this.r.consumerPhases) {
			Measured m = load(phase.load());
			table.row(phase.index(), phase.mode(), Table.num(m.load().goodput(), 0), Table.ms(m.load().latency().p99()),
					phase.unshippedAtEnd() + " of " + phase.paid(),
					phase.drainSeconds() < 0 ? "no (2 min)" : Table.num(phase.drainSeconds(), 1),
					Table.num(consumerCpu(phase, "app"), 0), Table.num(consumerCpu(phase, "postgres"), 0),
					Table.num(consumerCpu(phase, "kafka"), 0), Table.num(consumerCounter(phase, "commits"), 2),
					Table.num(consumerCounter(phase, "rows inserted") + consumerCounter(phase, "rows updated")
							+ consumerCounter(phase, "rows deleted"), 1));
		}
		StringBuilder ratios = new StringBuilder();
		for (String owner : List.of("app", "postgres")) {
			List<Double> found = new ArrayList<>();
			List<Results.ConsumerPhase> phases = this.r.consumerPhases;
			for (int i = 0; i + 1 < phases.size(); i++) {
				Results.ConsumerPhase a = phases.get(i);
				Results.ConsumerPhase b = phases.get(i + 1);
				if (!a.mode().equals(b.mode())) {
					Results.ConsumerPhase kafka = a.mode().equals("kafka") ? a : b;
					Results.ConsumerPhase local = (kafka == a) ? b : a;
					double denominator = consumerCpu(local, owner);
					if (denominator > 0) {
						found.add(consumerCpu(kafka, owner) / denominator);
					}
				}
			}
			if (!found.isEmpty()) {
				Collections.sort(found);
				ratios.append(owner.equals("app") ? " Application" : " PostgreSQL")
					.append(" CPU per paid order, Kafka ÷ in process (median of adjacent phases): ")
					.append(Table.num(found.get(found.size() / 2), 2))
					.append("×.");
			}
		}
		section("Event consumers: in process or from Kafka (32 buyers, the provider out of process)",
				"The same paid checkout load with the workers (notifications, analytics, fulfilment) consuming "
						+ "through the event publication registry, then from Kafka consumer groups; a fresh start of "
						+ "the application per phase, the broker running throughout (its CPU counted in every phase). "
						+ "The workers fall behind under this load, so the cost per paid order counts the window "
						+ "and the catch-up after it, until every paid order of the drop has its shipment request."
						+ ratios,
				table);
	}

	/**
	 * WebSocket fan-out: one chat message to many sessions and to few, in the same run;
	 * the ratio of their p99 is what the many cost.
	 */
	private void fanouts() {
		if (this.r.fanouts.isEmpty()) {
			return;
		}
		Table table = new Table("subscribers", "messages", "delivered", "p50 ms", "p99 ms", "max ms",
				"app µs/delivery");
		for (Results.Fanout fanout : this.r.fanouts) {
			table.row(fanout.subscribers(), fanout.messages(), fanout.delivered() + " of " + fanout.expected(),
					Table.num(fanout.p50Millis(), 1), Table.num(fanout.p99Millis(), 1),
					Table.num(fanout.maxMillis(), 1), Table.num(fanout.appMicrosPerDelivery(), 1));
		}
		Results.Fanout many = this.r.fanouts.get(0);
		Results.Fanout few = this.r.fanouts.get(this.r.fanouts.size() - 1);
		String ratio = (few.p99Millis() > 0) ? " p99 with " + many.subscribers() + " subscribers ÷ p99 with "
				+ few.subscribers() + ": " + Table.num(many.p99Millis() / few.p99Millis(), 1) + "×." : "";
		section("WebSocket fan-out: one chat message to many sessions",
				"A public channel's messages posted over REST five a second; every subscriber is a STOMP session "
						+ "of this process, so latency runs from just before the POST to the frame's arrival on one "
						+ "clock. The same series goes to many sessions, then to few." + ratio,
				table);
	}

	/** CPU µs per paid order of one process, window and catch-up together. */
	private double consumerCpu(Results.ConsumerPhase phase, String owner) {
		Measured m = load(phase.load());
		double seconds = m.cpu().of(owner) + phase.drainCpu().getOrDefault(owner, 0.0);
		return seconds * 1e6 / Math.max(1, phase.paid());
	}

	/** A database counter per paid order, window and catch-up together. */
	private double consumerCounter(Results.ConsumerPhase phase, String counter) {
		Measured m = load(phase.load());
		long total = m.database().getOrDefault(counter, 0L) + phase.drainDatabase().getOrDefault(counter, 0L);
		return (double) total / Math.max(1, phase.paid());
	}

	private void startups() {
		Table table = new Table("start", "launch → ready s", "Spring Boot s (JVM s)", "RSS at start MiB",
				"peak RSS MiB", "PostgreSQL PSS MiB");
		for (Results.Startup s : this.r.startups) {
			table.row(s.label(), Table.num(s.launchToReadySeconds(), 1),
					Table.num(s.springSeconds(), 1) + " (" + Table.num(s.jvmSeconds(), 1) + ")",
					Table.num(s.rssIdleKib() / 1024.0, 0), Table.num(s.rssPeakKib() / 1024.0, 0),
					s.postgresPssKib() == 0 ? "–" : Table.num(s.postgresPssKib() / 1024.0, 0));
		}
		section("Start-up and memory", "Launch → ready is until the readiness probe first answers 200.", table);
	}

	private void profile() {
		Results.Profile p = this.r.profile;
		if (p == null) {
			return;
		}
		Table areas = new Table("area (a sample counts for every area on its stack)", "share of samples");
		p.areas().forEach(s -> areas.row(s.name(), Table.num(s.percent(), 1) + " %"));
		Table frames = new Table("top frame", "share of samples");
		p.topFrames().forEach(s -> frames.row("`" + s.name() + "`", Table.num(s.percent(), 1) + " %"));
		Table threads = new Table("thread", "share of samples");
		Map<String, Double> byPool = new LinkedHashMap<>();
		p.threads().forEach(s -> byPool.merge(threadPool(s.name()), s.percent(), Double::sum));
		byPool.forEach((name, percent) -> threads.row(name, Table.num(percent, 1) + " %"));
		Measured profiled = load("checkout profiled");
		Measured unprofiled = load("checkout cost (provider out of process)");
		String load = profiled == null || unprofiled == null ? ""
				: " While it recorded, the load ran at " + Table.num(profiled.load().goodput(), 0)
						+ " paid orders/s with " + Table.num(profiled.cpuPerGood("app"), 0)
						+ " µs of application CPU each (" + Table.num(unprofiled.load().goodput(), 0) + "/s and "
						+ Table.num(unprofiled.cpuPerGood("app"), 0)
						+ " µs without the recording): read the shares, not the absolute cost.";
		section("Profile: " + p.scenario(),
				"JFR execution samples of the application (" + p.samples() + " samples)." + load, areas);
		this.out.append(frames).append(threads);
	}

	private void notes() {
		this.out.append("### Invariants and notes\n\n");
		if (this.r.failures.isEmpty()) {
			this.out.append("Every invariant held.\n\n");
		}
		else {
			this.out.append("Broken invariants:\n\n");
			this.r.failures.forEach(f -> this.out.append("* ").append(f).append('\n'));
			this.out.append('\n');
		}
		this.r.notes.forEach(n -> this.out.append("* ").append(n).append('\n'));
		this.out.append('\n');
	}

	private Table latencyTable(String first, String rate) {
		return new Table(first, rate, "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "app µs", "PG µs", "gen µs",
				"others (cores)", "answers in the window");
	}

	private void latencyRow(Table table, String name, Measured m, double rate, long units) {
		LoadResult l = m.load();
		table.row(name, Table.num(rate, 0), Table.ms(l.latency().p50()), Table.ms(l.latency().p90()),
				Table.ms(l.latency().p99()), Table.ms(l.latency().p999()), Table.ms(l.latency().max()),
				Table.num(m.cpu().microsPer("app", units), 0), Table.num(m.cpu().microsPer("postgres", units), 0),
				Table.num(m.cpu().microsPer("generator", units), 0), Table.num(m.cpu().cores("others"), 2),
				l.outcomes());
	}

	private void section(String title, String text, Table table) {
		if (table.isEmpty()) {
			return;
		}
		this.out.append("### ").append(title).append("\n\n").append(text).append("\n\n").append(table);
	}

	private Measured load(String name) {
		return this.r.loads.get(name);
	}

	private String usersOf(String name) {
		Measured m = load(name);
		return m == null ? "?" : Integer.toString(m.load().plan().connections());
	}

	private long burstAttempts() {
		return this.r.bursts.isEmpty() ? 0 : load(this.r.bursts.get(0).load()).load().plan().requests();
	}

	private double sweepPeak() {
		return this.r.sweep.stream().mapToDouble(l -> load(l.load()).load().goodput()).max().orElse(Double.NaN);
	}

	private double othersAverage() {
		return this.r.loads.values().stream().mapToDouble(m -> m.cpu().cores("others")).average().orElse(0);
	}

	private double othersMax() {
		return this.r.loads.values().stream().mapToDouble(m -> m.cpu().cores("others")).max().orElse(0);
	}

	/** Threads named after a key (a drop's writer) are one pool. */
	private static String threadPool(String name) {
		int colon = name.indexOf(':');
		return colon < 0 ? name : name.substring(0, colon) + ":…";
	}

	private static String verdict(boolean met) {
		return met ? MET : MISSED;
	}

	/**
	 * The median of the ratios of one strategy's goodput to another's over adjacent
	 * phases (in A B C A B C: A1–C1, C1–A2, A2–C2 for A and C), so that a drift of the
	 * shared machine cancels out.
	 */
	double medianRatio(String numerator, String denominator) {
		List<Results.Phase> phases = this.r.phases;
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < phases.size(); i++) {
			for (int j = i + 1; j < phases.size() && j <= i + 2; j++) {
				Results.Phase a = phases.get(i);
				Results.Phase b = phases.get(j);
				Predicate<Results.Phase> isNumerator = p -> p.strategy().equals(numerator);
				Predicate<Results.Phase> isDenominator = p -> p.strategy().equals(denominator);
				if (isNumerator.test(a) && isDenominator.test(b)) {
					ratios.add(a.goodput() / b.goodput());
				}
				else if (isDenominator.test(a) && isNumerator.test(b)) {
					ratios.add(b.goodput() / a.goodput());
				}
			}
		}
		if (ratios.isEmpty()) {
			return Double.NaN;
		}
		ratios.sort(Double::compare);
		int n = ratios.size();
		return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
	}

}
