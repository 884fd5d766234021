package dev.fortress.payments.internal;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

	@Test
	void theCeilingDoublesPerRetryUpToTheMaximum() {
		assertThat(this.backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(this.backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.backoff.ceiling(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(this.backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(1));
	}

	@RepeatedTest(20)
	void eachDelayKeepsARandomHalfOfItsCeiling() {
		for (int retry = 1; retry <= 6; retry++) {
			Duration ceiling = this.backoff.ceiling(retry);
			assertThat(this.backoff.delay(retry)).isBetween(ceiling.dividedBy(2), ceiling);
		}
	}

	@Test
	void delaysAreSpreadNotInStep() {
		long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> this.backoff.delay(3)).distinct().count();
		assertThat(distinct).isGreaterThan(5);
	}

}
