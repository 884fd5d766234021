package dev.fortress.platform.moderation;

import java.util.UUID;

/**
 * A moderation decision about an item, for its owning module to apply: {@code HIDDEN}
 * holds an item that was visible (a later check flagged it), {@code APPROVED} makes a
 * held item visible, {@code REMOVED} deletes it. Published in the decision's transaction;
 * each owner applies it after that commit, through the event publication registry (so at
 * least once), and must ignore a decision that no longer applies (an approval of a
 * visible item, any decision about a deleted one).
 *
 * @param type {@code message}, {@code comment} or {@code article}
 * @param id the item's id in its owning module
 * @param moderatorId the administrator who decided, or null when the screen hid it
 */
public record ContentModerated(String type, UUID id, Decision decision,
		@org.jspecify.annotations.Nullable UUID moderatorId) {

	public enum Decision {

		HIDDEN, APPROVED, REMOVED

	}

}
