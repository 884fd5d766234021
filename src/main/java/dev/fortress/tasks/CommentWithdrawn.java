package dev.fortress.tasks;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A comment others could read is no longer shown: a moderator removed it, or the screen
 * hid it after a later check. (A held comment that is approved is announced as
 * {@link CommentAdded}, as if it had just been written.)
 */
public record CommentWithdrawn(UUID commentId, UUID taskId, UUID projectId,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.taskId.toString();
	}

}
