package dev.fortress.tasks.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One version in a task's append-only history: who made which change, when.
 *
 * @param changes the fields that changed, by name, in a stable order
 */
public record TaskHistoryEntry(long version, Action action, UUID changedBy, Instant changedAt,
		Map<String, Change> changes) {

	/** What kind of change produced the version. */
	public enum Action {

		CREATED, UPDATED, REVERTED, MOVED

	}

	/**
	 * One changed field: its value before and after (either may be null), as JSON
	 * scalars: enums and ids by name, dates as ISO text, labels as a list.
	 */
	public record Change(@Nullable Object from, @Nullable Object to) {
	}

}
