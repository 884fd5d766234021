package dev.fortress.tasks;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A task was deleted (its subtasks with it).
 *
 * @param version the version the task had when it was deleted
 * @param deletedBy who deleted it
 */
public record TaskDeleted(UUID taskId, UUID projectId, long version, UUID deletedBy,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.taskId.toString();
	}

}
