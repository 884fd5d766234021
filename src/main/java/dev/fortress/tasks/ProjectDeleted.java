package dev.fortress.tasks;

import java.util.UUID;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A project was deleted with all its tasks, categories and export jobs.
 *
 * @param projectId the project that no longer exists
 * @param deletedBy who deleted it
 */
public record ProjectDeleted(UUID projectId, UUID deletedBy, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.projectId.toString();
	}

}
