package dev.fortress.tasks;

import java.util.List;
import java.util.UUID;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A task and its subtasks moved to another project (one transaction, all or nothing).
 *
 * @param taskId the task that was moved
 * @param subtaskIds the subtasks that moved with it
 * @param fromProjectId where it was
 * @param toProjectId where it is now
 * @param movedBy who moved it
 * @param version the moved task's version after the move (0 in events stored before it
 * was recorded)
 */
public record TaskMoved(UUID taskId, List<UUID> subtaskIds, UUID fromProjectId, UUID toProjectId, UUID movedBy,
		long version, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.taskId.toString();
	}

}
