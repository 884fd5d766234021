package dev.fortress.bench.load;

import java.time.Duration;

/**
 * How load is offered. Closed loop: {@code connections} users, each sending its next
 * request as soon as the last one is answered (peak throughput; latency from the actual
 * send). Open loop: requests arrive at {@code rate} per second on a fixed schedule
 * whatever the server does, over up to {@code connections} connections, and latency is
 * measured from each request's <em>intended</em> send time, so a stalled server is
 * charged for every request it held up (no coordinated omission, as in wrk2).
 *
 * @param rate arrivals per second (open loop), or 0 for a closed loop
 * @param connections users (closed loop) or the most requests in flight (open loop)
 * @param warmup load before the measured window
 * @param measure the measured window
 * @param requests for a closed loop of fixed size: how many requests in all (0: by time)
 * @param timeout when an unanswered request counts as {@code timeout}
 * @param drain how long to wait for answers after the window closes
 */
public record LoadPlan(double rate, int connections, Duration warmup, Duration measure, long requests, Duration timeout,
		Duration drain) {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration DRAIN = Duration.ofSeconds(15);

	public static LoadPlan closed(int users, Duration warmup, Duration measure) {
		return new LoadPlan(0, users, warmup, measure, 0, TIMEOUT, DRAIN);
	}

	/**
	 * Exactly {@code requests} requests from {@code users} users; measured as a whole.
	 */
	public static LoadPlan burst(int users, long requests) {
		return new LoadPlan(0, users, Duration.ZERO, Duration.ofHours(1), requests, TIMEOUT, TIMEOUT);
	}

	public static LoadPlan open(double rate, int connections, Duration warmup, Duration measure) {
		return new LoadPlan(rate, connections, warmup, measure, 0, TIMEOUT, DRAIN);
	}

	public boolean openLoop() {
		return this.rate > 0;
	}

	public String describe() {
		if (openLoop()) {
			return String.format("open loop %.0f/s over ≤%d connections, %ds warm-up + %ds", this.rate,
					this.connections, this.warmup.toSeconds(), this.measure.toSeconds());
		}
		if (this.requests > 0) {
			return String.format("closed loop, %d users, %d requests", this.connections, this.requests);
		}
		return String.format("closed loop, %d users, %ds warm-up + %ds", this.connections, this.warmup.toSeconds(),
				this.measure.toSeconds());
	}

}
