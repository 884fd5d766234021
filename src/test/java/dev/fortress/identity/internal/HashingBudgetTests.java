package dev.fortress.identity.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The hashing budget on a clock and a CPU meter the test moves: hashes run while the
 * budget lasts, the CPU they used is charged, and the budget comes back at the allowed
 * share of the processors.
 */
class HashingBudgetTests {

	private static final long MS = 1_000_000;

	private final AtomicLong clock = new AtomicLong();

	private final AtomicLong cpu = new AtomicLong();

	/** 0.2 of 2 processors: 0.4 CPU-seconds a second, a burst of 0.4 CPU-seconds. */
	private final HashingBudget budget = new HashingBudget(0.2, 2, this.clock::get, this.cpu::get);

	@Test
	void aBurstWithinOneSecondsWorthRunsAtOnceAndTheNextHashWaitsForTheBudget() throws Exception {
		for (int i = 0; i < 8; i++) {
			assertThat(this.budget.spend(Duration.ZERO, this::hash50ms)).as("hash %d", i).isTrue();
		}
		assertThat(this.budget.spend(Duration.ZERO, this::hash50ms)).isNull();
		this.clock.addAndGet(10 * MS);
		assertThat(this.budget.spend(Duration.ZERO, this::hash50ms)).as("4 ms of CPU earned in 10 ms").isTrue();
		assertThat(this.budget.spend(Duration.ZERO, this::hash50ms)).isNull();
	}

	@Test
	void sustainedHashingIsHeldToTheShare() throws Exception {
		int ran = 0;
		for (int second = 0; second < 10; second++) {
			for (int attempt = 0; attempt < 100; attempt++) {
				if (this.budget.spend(Duration.ZERO, this::hash50ms) != null) {
					ran++;
				}
			}
			this.clock.addAndGet(1000 * MS);
		}
		// 0.4 CPU-seconds a second for 10 s, plus the initial burst: 4.4 s / 50 ms.
		assertThat(ran).isBetween(80, 90);
	}

	@Test
	void aShareOutsideZeroToOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HashingBudget(0, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new HashingBudget(1.5, 2));
	}

	private Boolean hash50ms() {
		this.cpu.addAndGet(50 * MS);
		return Boolean.TRUE;
	}

}
