package dev.fortress.tasks;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.tasks.api.TaskStatus;

/**
 * A task was created.
 *
 * @param assigneeId who it is assigned to from the start, if anyone
 * @param createdBy who created it
 */
public record TaskCreated(UUID taskId, UUID projectId, String title, TaskStatus status, @Nullable UUID assigneeId,
		UUID createdBy, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.taskId.toString();
	}

}
