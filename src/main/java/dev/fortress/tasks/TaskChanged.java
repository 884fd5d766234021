package dev.fortress.tasks;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.tasks.api.TaskStatus;

/**
 * A task was changed. Carries the status and the assignee before and after, which is what
 * the workers that follow a task care about (a task assigned to someone, a task
 * completed).
 *
 * @param version the task's version after the change
 * @param changedBy who changed it
 */
public record TaskChanged(UUID taskId, UUID projectId, String title, long version, TaskStatus statusBefore,
		TaskStatus status, @Nullable UUID assigneeBefore, @Nullable UUID assigneeId, UUID changedBy,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.taskId.toString();
	}

	/** The task got an assignee it did not have before. */
	public boolean newlyAssigned() {
		return this.assigneeId != null && !this.assigneeId.equals(this.assigneeBefore);
	}

	/** The task became DONE. */
	public boolean completed() {
		return this.status == TaskStatus.DONE && this.statusBefore != TaskStatus.DONE;
	}

}
