package dev.fortress.orders.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownSoldOutTests {

	private final KnownSoldOut soldOut = new KnownSoldOut(
			new InventoryProperties("batched", 0, null, 0, Duration.ofMinutes(1)));

	@Test
	void anEmptyBatchIsRemembered() {
		long seen = this.soldOut.generation();
		this.soldOut.remember("drop:a", seen);
		assertThat(this.soldOut.isSoldOut("drop:a")).isTrue();
		this.soldOut.forgetAll();
		assertThat(this.soldOut.isSoldOut("drop:a")).isFalse();
	}

	@Test
	void aRestockThatCommitsWhileTheBatchRunsIsNotOverwrittenByTheBatchsEmpty() {
		long seen = this.soldOut.generation();
		// The batch read "empty"; a restock commits and forgets everything before the
		// batch gets to remember the key.
		this.soldOut.forgetAll();
		this.soldOut.remember("drop:a", seen);
		assertThat(this.soldOut.isSoldOut("drop:a")).isFalse();
	}

	@Test
	void aFreshEntryIsNotDueForARecheckAndAnUnknownKeyNeverIs() {
		this.soldOut.remember("drop:a", this.soldOut.generation());
		assertThat(this.soldOut.isDueForRecheck("drop:a")).isFalse();
		assertThat(this.soldOut.isDueForRecheck("drop:b")).isFalse();
	}

	@Test
	void anEntryInTheLastQuarterOfItsLifeIsDueForARecheck() throws InterruptedException {
		KnownSoldOut shortLived = new KnownSoldOut(
				new InventoryProperties("batched", 0, null, 0, Duration.ofMillis(400)));
		shortLived.remember("drop:a", shortLived.generation());
		Thread.sleep(330);
		// Still remembered (or, on a stalled machine, just expired): never due once gone.
		assertThat(shortLived.isDueForRecheck("drop:a")).isEqualTo(shortLived.isSoldOut("drop:a"));
	}

}
