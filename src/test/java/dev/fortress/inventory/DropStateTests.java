package dev.fortress.inventory;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DropStateTests {

	private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

	private static final Instant END = START.plusSeconds(3600);

	private final DropState drop = new DropState(UUID.randomUUID(), "SKU", 10, 4, START, END, 1);

	@Test
	void statusFollowsTheClockAndWhatIsLeft() {
		assertThat(this.drop.statusAt(START.minusMillis(1), 100)).isEqualTo(DropStatus.SCHEDULED);
		assertThat(this.drop.statusAt(START, 100)).isEqualTo(DropStatus.LIVE);
		assertThat(this.drop.statusAt(START, 0)).isEqualTo(DropStatus.SOLD_OUT);
		assertThat(this.drop.statusAt(END, 100)).isEqualTo(DropStatus.ENDED);
	}

	@Test
	void availableIsCappedByTheSkuStock() {
		assertThat(this.drop.available(100)).isEqualTo(4);
		assertThat(this.drop.available(2)).isEqualTo(2);
		assertThat(this.drop.available(-3)).isZero();
	}

	@Test
	void openEndedDropsNeverEnd() {
		DropState open = new DropState(UUID.randomUUID(), "SKU", 1, 1, START, null, 1);
		assertThat(open.isOpenAt(START.plusSeconds(10_000_000))).isTrue();
		assertThat(open.isOpenAt(START.minusSeconds(1))).isFalse();
	}

}
