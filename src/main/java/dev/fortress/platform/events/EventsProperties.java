package dev.fortress.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed event deliveries are retried ({@code fortress.events.*}).
 *
 * @param maxAttempts deliveries of one publication (the first and its retries) before it
 * becomes a dead letter
 * @param backoffInitial the wait after the first failure; it doubles after each further
 * one
 * @param backoffMax the longest wait between two attempts
 * @param retryInterval how often failed publications are looked at
 * @param retryBatch at most this many failed publications are looked at, oldest first,
 * per round
 * @param keepCompleted how long completed publications stay listed before they are purged
 */
@ConfigurationProperties("fortress.events")
public record EventsProperties(int maxAttempts, Duration backoffInitial, Duration backoffMax, Duration retryInterval,
		int retryBatch, Duration keepCompleted) {

	/**
	 * The wait after {@code failures} failed attempts:
	 * {@code backoffInitial · 2^(failures-1)}, at most {@code backoffMax}, times a jitter
	 * factor between 0.5 and 1.5 that is fixed per publication and attempt (so the
	 * decision does not flicker between two rounds, and publications that failed together
	 * are retried apart).
	 */
	Duration backoff(int failures, long jitterKey) {
		int doublings = Math.max(0, Math.min(failures - 1, 30));
		double base = Math.min(this.backoffMax.toMillis(), this.backoffInitial.toMillis() * Math.pow(2, doublings));
		long mixed = (jitterKey ^ (failures * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
		double jitter = 0.5 + (double) (mixed >>> 11) / (1L << 53);
		return Duration.ofMillis((long) (base * jitter));
	}

}
