package dev.fortress.payments.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the n-th delay is {@code initial * 2^(n-1)},
 * capped at {@code max}, of which a random half is kept. The jitter spreads the retries
 * of many clients that failed together, so they do not hit a recovering provider in step.
 */
record Backoff(Duration initial, Duration max) {

	/** The delay before retry number {@code retry} (1 for the first retry). */
	Duration delay(int retry) {
		long ceiling = ceiling(retry).toMillis();
		long half = ceiling / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	/** The delay without jitter: the upper bound of {@link #delay(int)}. */
	Duration ceiling(int retry) {
		int doublings = Math.min(Math.max(retry - 1, 0), 30);
		long millis = this.initial.toMillis() * (1L << doublings);
		return Duration.ofMillis(Math.min(Math.max(millis, 0), this.max.toMillis()));
	}

	static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
