package dev.fortress.tasks.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.fortress.tasks.api.TaskHistoryEntry;
import dev.fortress.tasks.api.TaskHistoryEntry.Action;
import dev.fortress.tasks.api.TaskHistoryEntry.Change;

/**
 * One entry of a task's append-only history: who made which change when, and the full
 * state afterwards (so the version can be restored).
 */
record TaskVersion(UUID taskId, long version, Action action, UUID changedBy, Instant changedAt,
		Map<String, Change> changes, TaskState state) {

	static TaskVersion of(Task task, Action action, UUID changedBy, Map<String, Change> changes) {
		return new TaskVersion(task.id(), task.version(), action, changedBy, task.updatedAt(),
				Collections.unmodifiableMap(new LinkedHashMap<>(changes)), task.state());
	}

	/** The entry as the history shows it, without the state. */
	TaskHistoryEntry entry() {
		return new TaskHistoryEntry(this.version, this.action, this.changedBy, this.changedAt, this.changes);
	}

}
