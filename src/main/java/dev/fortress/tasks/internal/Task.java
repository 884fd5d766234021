package dev.fortress.tasks.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;

/**
 * A task: an immutable identity (id, type, creator) plus a {@link TaskState} that changes
 * one version at a time. Every change produces a new {@code Task} with the version
 * incremented; the store accepts it only if nobody else changed the task in between.
 * Completion time is stamped when the status enters DONE and cleared when it leaves.
 */
record Task(UUID id, TaskType type, TaskState state, long version, UUID createdBy, Instant createdAt, Instant updatedAt,
		@Nullable Instant completedAt) {

	UUID projectId() {
		return this.state.projectId();
	}

	/** The next version of this task with the given state. */
	Task next(TaskState newState, Instant now) {
		Instant completed = this.completedAt;
		if (newState.status() == TaskStatus.DONE && this.state.status() != TaskStatus.DONE) {
			completed = now;
		}
		else if (newState.status() != TaskStatus.DONE) {
			completed = null;
		}
		return new Task(this.id, this.type, newState, this.version + 1, this.createdBy, this.createdAt, now, completed);
	}

}
