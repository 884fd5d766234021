package dev.fortress.inventory.web;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.DropStatus;

record DropView(UUID id, String sku, DropStatus status, int quantity, int available, Instant startsAt,
		@Nullable Instant endsAt, int perCustomerLimit) {

	static DropView of(DropState drop, Instant now) {
		return new DropView(drop.id(), drop.sku(), drop.statusAt(now), drop.quantity(), drop.availableAt(now),
				drop.startsAt(), drop.endsAt(), drop.perCustomerLimit());
	}

}
