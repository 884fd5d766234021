package dev.fortress.tasks;

import java.util.List;
import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A task was deleted with its subtasks and their comments: what live boards must drop and
 * what the modules that keep a copy of a task's text (the knowledge index) must forget.
 *
 * @param version the version the task had when it was deleted
 * @param subtaskIds the subtasks deleted with it, at any depth
 * @param deletedBy who deleted it
 */
public record TaskDeleted(UUID taskId, UUID projectId, long version, List<UUID> subtaskIds, UUID deletedBy,
		EventMetadata metadata) implements DomainEvent {

	public TaskDeleted {
		subtaskIds = List.copyOf(subtaskIds);
	}

	@Override
	public String aggregateId() {
		return this.taskId.toString();
	}

}
