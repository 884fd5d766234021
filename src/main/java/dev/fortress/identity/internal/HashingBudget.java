package dev.fortress.identity.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A budget of CPU time for password hashing: at most {@code share} of the machine's
 * processors on average, with a burst of one second's worth. A hash may start while the
 * budget is not overdrawn; what it actually used (the thread's CPU time) is charged when
 * it ends. A caller that would have to wait longer than its patience gets {@code false}.
 * <p>
 * The concurrency bound of {@link PasswordHasher} keeps a login flood from exhausting
 * memory; this keeps it from taking the processors: with four hashes at once on two
 * cores, logins alone took 60% of checkout's goodput. Argon2id's cost is the point of
 * Argon2id, so it is rationed rather than lowered.
 */
final class HashingBudget {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final double nanosPerNano;

	private final long burstNanos;

	private final LongSupplier clock;

	private final LongSupplier threadCpu;

	private long available;

	private long refilledAt;

	HashingBudget(double share, int processors) {
		this(share, processors, System::nanoTime, HashingBudget::currentThreadCpu);
	}

	HashingBudget(double share, int processors, LongSupplier clock, LongSupplier threadCpu) {
		if (!(share > 0) || share > 1) {
			throw new IllegalArgumentException("fortress.identity.hashing-cpu-share must be in (0, 1], not " + share);
		}
		this.nanosPerNano = share * processors;
		this.burstNanos = (long) (this.nanosPerNano * 1e9);
		this.clock = clock;
		this.threadCpu = threadCpu;
		this.available = this.burstNanos;
		this.refilledAt = clock.getAsLong();
	}

	/**
	 * Runs {@code work} once the budget allows, charging it with the CPU it used;
	 * {@code null} if the budget would not allow it within {@code patience}.
	 */
	<T> T spend(Duration patience, Supplier<T> work) throws InterruptedException {
		if (!awaitBudget(patience.toNanos())) {
			return null;
		}
		long before = this.threadCpu.getAsLong();
		try {
			return work.get();
		}
		finally {
			charge(this.threadCpu.getAsLong() - before);
		}
	}

	private boolean awaitBudget(long patienceNanos) throws InterruptedException {
		long deadline = this.clock.getAsLong() + patienceNanos;
		while (true) {
			long shortfall;
			synchronized (this) {
				refill();
				if (this.available > 0) {
					return true;
				}
				shortfall = (long) (-this.available / this.nanosPerNano) + 1;
			}
			long now = this.clock.getAsLong();
			if (now + shortfall > deadline) {
				return false;
			}
			Thread.sleep(Math.max(1, shortfall / 1_000_000));
		}
	}

	private synchronized void charge(long cpuNanos) {
		refill();
		this.available -= Math.max(0, cpuNanos);
	}

	private void refill() {
		long now = this.clock.getAsLong();
		long earned = (long) ((now - this.refilledAt) * this.nanosPerNano);
		this.available = Math.min(this.burstNanos, this.available + earned);
		this.refilledAt = now;
	}

	private static long currentThreadCpu() {
		return THREADS.getCurrentThreadCpuTime();
	}

}
