package dev.fortress.bench.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * What one window of load came to: latency histograms in microseconds (of every answer,
 * and of goodput only), counts per outcome, and goodput per second. Written by the
 * generator's thread only.
 */
final class Stats {

	private static final long HIGHEST_MICROS = 3_600_000_000L;

	final Histogram all = new Histogram(HIGHEST_MICROS, 3);

	final Histogram good = new Histogram(HIGHEST_MICROS, 3);

	final Map<String, long[]> outcomes = new TreeMap<>();

	final long startNanos;

	long endNanos;

	long sent;

	long answered;

	long goodCount;

	private long[] goodPerSecond = new long[64];

	Stats(long startNanos) {
		this.startNanos = startNanos;
	}

	void answer(String label, boolean isGood, long latencyNanos, long now) {
		long micros = Math.max(1, Math.min(HIGHEST_MICROS, latencyNanos / 1000));
		this.all.recordValue(micros);
		this.answered++;
		if (isGood) {
			this.good.recordValue(micros);
			this.goodCount++;
			int second = (int) ((now - this.startNanos) / 1_000_000_000L);
			if (second >= this.goodPerSecond.length) {
				this.goodPerSecond = Arrays.copyOf(this.goodPerSecond,
						Math.max(second + 1, this.goodPerSecond.length * 2));
			}
			this.goodPerSecond[second]++;
		}
		count(label);
	}

	void count(String label) {
		this.outcomes.computeIfAbsent(label, l -> new long[1])[0]++;
	}

	long[] goodPerSecond(int seconds) {
		return Arrays.copyOf(this.goodPerSecond, seconds);
	}

}
