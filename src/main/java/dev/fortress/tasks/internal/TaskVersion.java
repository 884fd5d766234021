package dev.fortress.tasks.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of a task's append-only history: who made which change when, and the full
 * state afterwards (so the version can be restored).
 */
public record TaskVersion(UUID taskId, long version, Action action, UUID changedBy, Instant changedAt,
		Map<String, TaskState.Change> changes, TaskState state) {

	/** What kind of change produced the version. */
	public enum Action {

		CREATED, UPDATED, REVERTED, MOVED

	}

	public static TaskVersion of(Task task, Action action, UUID changedBy, Map<String, TaskState.Change> changes) {
		return new TaskVersion(task.id(), task.version(), action, changedBy, task.updatedAt(),
				Collections.unmodifiableMap(new LinkedHashMap<>(changes)), task.state());
	}

}
