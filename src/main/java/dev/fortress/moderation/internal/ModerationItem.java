package dev.fortress.moderation.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An entry of the moderators' queue: an item the screen held, and what became of it.
 *
 * @param type {@code message}, {@code comment} or {@code article}
 * @param sourceId the item's id in its owning module
 * @param excerpt the start of its text, for the moderator
 * @param reasons the rules and labels that held it
 */
public record ModerationItem(UUID id, String type, UUID sourceId, UUID authorId, String excerpt, List<String> reasons,
		Status status, Instant createdAt, @Nullable UUID decidedBy, @Nullable Instant decidedAt) {

	public ModerationItem {
		reasons = List.copyOf(reasons);
	}

	/** Where an entry stands: waiting for a moderator, or decided. */
	public enum Status {

		HELD, APPROVED, REMOVED

	}

}
