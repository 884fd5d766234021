package dev.fortress.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The measured window of one load. Latencies are in milliseconds. {@code outcomes} counts
 * every answer and failure in the window; {@code totalOutcomes} also those of the warm-up
 * and of the drain after the window (what the server was told to do in all, which the
 * invariant checks compare with the database).
 *
 * @param plan what was offered
 * @param seconds length of the measured window
 * @param sent requests sent in the window
 * @param answered responses received in the window
 * @param good goodput responses in the window
 * @param scheduled open loop: arrivals due in the window (the offered load)
 * @param backlog open loop: arrivals due but not yet sent when the window closed
 * @param inFlight requests unanswered when the window closed
 * @param latency percentiles of every answer: p50, p90, p99, p99.9, max
 * @param goodLatency the same for goodput only
 * @param goodPerSecond goodput in each second of the window
 */
public record LoadResult(LoadPlan plan, double seconds, long sent, long answered, long good, long scheduled,
		long backlog, long inFlight, Map<String, Long> outcomes, Map<String, Long> totalOutcomes, Percentiles latency,
		Percentiles goodLatency, long[] goodPerSecond, long connectErrors) {

	public double rate() {
		return this.answered / this.seconds;
	}

	public double goodput() {
		return this.good / this.seconds;
	}

	public double offered() {
		return this.plan.openLoop() ? this.scheduled / this.seconds : Double.NaN;
	}

	public long outcome(String label) {
		return this.outcomes.getOrDefault(label, 0L);
	}

	public long total(String label) {
		return this.totalOutcomes.getOrDefault(label, 0L);
	}

	/** Every outcome whose label starts with {@code prefix}, over the whole run. */
	public long totalStartingWith(String prefix) {
		return this.totalOutcomes.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith(prefix))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/** Every outcome whose label starts with {@code prefix}, in the window. */
	public long startingWith(String prefix) {
		return this.outcomes.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith(prefix))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	static Map<String, Long> flatten(Map<String, long[]> counts) {
		Map<String, Long> flat = new LinkedHashMap<>();
		counts.forEach((label, count) -> flat.put(label, count[0]));
		return flat;
	}

	/** Latency percentiles in milliseconds. */
	public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

		static Percentiles of(Histogram micros) {
			if (micros.getTotalCount() == 0) {
				return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
			}
			return new Percentiles(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
					ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
					ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
		}

		private static double ms(long micros) {
			return micros / 1000.0;
		}

	}

}
