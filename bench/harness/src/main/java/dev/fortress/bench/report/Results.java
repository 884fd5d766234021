package dev.fortress.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fortress.bench.scenario.Measured;
import dev.fortress.bench.seed.Database;

/**
 * Everything one run measured, in the order it was measured; rendered into
 * {@code docs/performance.md} and written as JSON next to the logs.
 */
public final class Results {

	public String mode;

	public String command;

	public String startedAt;

	public String commit;

	public double minutes;

	public Map<String, String> machine = new LinkedHashMap<>();

	public Map<String, String> database = new LinkedHashMap<>();

	public List<Startup> startups = new ArrayList<>();

	public Map<String, Measured> loads = new LinkedHashMap<>();

	public List<Burst> bursts = new ArrayList<>();

	public List<SweepLevel> sweep = new ArrayList<>();

	public List<Phase> phases = new ArrayList<>();

	public List<ConsumerPhase> consumerPhases = new ArrayList<>();

	public List<Fanout> fanouts = new ArrayList<>();

	public List<WatcherPhase> watcherPhases = new ArrayList<>();

	public List<AnswerPhase> answerPhases = new ArrayList<>();

	/** The answers instance's CPU while idle (cores), charged to no request. */
	public double answersIdleCores;

	public List<ModerationPhase> moderationPhases = new ArrayList<>();

	public ModerationQuality moderationQuality;

	public Profile profile;

	public List<String> failures = new ArrayList<>();

	public List<String> notes = new ArrayList<>();

	/**
	 * One start of a server: from launch to its first healthy readiness answer, what
	 * Spring Boot logged, and its memory once up and after load.
	 */
	public record Startup(String label, double launchToReadySeconds, double springSeconds, double jvmSeconds,
			long rssIdleKib, long rssPeakKib, long postgresPssKib) {
	}

	/**
	 * One run of 100 units against a burst of buyers and what the database held after.
	 */
	public record Burst(int run, String load, Database.DropAudit audit, List<String> problems) {
	}

	/**
	 * One concurrency level of the checkout sweep, and what a lone buyer got right after.
	 */
	public record SweepLevel(int buyers, String load, Database.DropAudit audit, String loneBuyerAfter) {
	}

	/** One phase of the strategy rotation. */
	public record Phase(int index, String strategy, String load, double goodput, Database.DropAudit audit,
			double startupSeconds) {
	}

	/**
	 * One phase of the consumer comparison: where the workers consumed the events (in
	 * process or from Kafka), the measured load's name, the drop's paid orders, how many
	 * of them still had no shipment when the load stopped, how long they took to get one
	 * (-1: not within 2 minutes), and the CPU seconds per process and database counters
	 * of that catch-up.
	 */
	public record ConsumerPhase(int index, String mode, String load, long paid, long unshippedAtEnd,
			double drainSeconds, Map<String, Double> drainCpu, Map<String, Long> drainDatabase) {
	}

	/**
	 * One chat message fanned out over WebSocket to {@code subscribers} sessions,
	 * {@code messages} times: deliveries expected and seen, latency from before the POST
	 * to the frame's arrival, and the application's CPU per delivery.
	 */
	public record Fanout(int subscribers, int messages, long expected, long delivered, double p50Millis,
			double p99Millis, double maxMillis, double appMicrosPerDelivery) {
	}

	/**
	 * One phase of the drop counter comparison: the checkout load's name, how many SSE
	 * streams of its drop were open throughout (0: none), and the {@code availability}
	 * events each of them received during the window, and the mean time the application
	 * took to hand one update to all of them (its {@code fortress.drop.streams.fan-out}).
	 */
	public record WatcherPhase(int index, int watchers, String load, double eventsPerWatcher, double fanOutMillis) {
	}

	/**
	 * One phase of the answers comparison: its round, what was asked ({@code search},
	 * {@code generated}, {@code cached}, {@code extractive}), the measured load's name,
	 * the fake model's own time per answer (subtracted to show Fortress's overhead; 0
	 * when the model is not called) and the calls the model received during the phase.
	 */
	public record AnswerPhase(int round, String kind, String load, double modelMillis, long modelCalls, double rate) {
	}

	/**
	 * One phase of the screening comparison: chat posts to the instance that screens them
	 * ({@code screening}) or to the one started with moderation off.
	 */
	public record ModerationPhase(int round, boolean screening, String load) {
	}

	/**
	 * The screen on lines posted once each: ordinary work lines held (false positives),
	 * spam and abuse lines held (caught), and some of the ordinary lines held, with why.
	 */
	public record ModerationQuality(int ordinary, int ordinaryHeld, int spam, int spamHeld, int abuse, int abuseHeld,
			List<String> ordinaryHeldExamples) {
	}

	/** Where the application's CPU went while a profile was taken. */
	public record Profile(String scenario, long samples, List<Share> topFrames, List<Share> areas,
			List<Share> threads) {
	}

	/** A share of profile samples. */
	public record Share(String name, long samples, double percent) {
	}

}
