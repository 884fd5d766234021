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
		assertThat(this.drop.statusAt(START.minusMillis(1))).isEqualTo(DropStatus.SCHEDULED);
		assertThat(this.drop.statusAt(START)).isEqualTo(DropStatus.LIVE);
		assertThat(soldOut().statusAt(START)).isEqualTo(DropStatus.SOLD_OUT);
		assertThat(this.drop.statusAt(END)).isEqualTo(DropStatus.ENDED);
	}

	@Test
	void whatIsLeftIsAvailableUntilTheEnd() {
		assertThat(this.drop.availableAt(START.minusMillis(1))).isEqualTo(4);
		assertThat(this.drop.availableAt(START)).isEqualTo(4);
		assertThat(soldOut().availableAt(START)).isZero();
		assertThat(this.drop.availableAt(END)).isZero();
	}

	private DropState soldOut() {
		return new DropState(this.drop.id(), "SKU", 10, 0, START, END, 1);
	}

	@Test
	void openEndedDropsNeverEnd() {
		DropState open = new DropState(UUID.randomUUID(), "SKU", 1, 1, START, null, 1);
		assertThat(open.isOpenAt(START.plusSeconds(10_000_000))).isTrue();
		assertThat(open.isOpenAt(START.minusSeconds(1))).isFalse();
	}

}
