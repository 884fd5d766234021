package dev.fortress.realtime.internal;

import java.time.Instant;
import java.util.UUID;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.DropStatus;

/**
 * What a drop's watchers see: {@code {available, status}} on {@code /topic/drops/{id}}
 * and in the {@code availability} events of its Server-Sent Events stream.
 */
public record DropAvailability(int available, DropStatus status) {

	public static DropAvailability of(DropState drop, Instant now) {
		return new DropAvailability(drop.availableAt(now), drop.statusAt(now));
	}

	/** The destination on which a drop's availability is published. */
	public static String destination(UUID dropId) {
		return "/topic/drops/" + dropId;
	}

}
