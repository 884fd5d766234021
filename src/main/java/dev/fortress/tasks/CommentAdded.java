package dev.fortress.tasks;

import java.util.List;
import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A comment was added to a task.
 *
 * @param mentionedUserIds the project members the comment mentions ({@code @} followed by
 * their e-mail address), its author excluded
 */
public record CommentAdded(UUID commentId, UUID taskId, UUID projectId, String taskTitle, UUID authorId, String body,
		List<UUID> mentionedUserIds, EventMetadata metadata) implements DomainEvent {

	public CommentAdded {
		mentionedUserIds = List.copyOf(mentionedUserIds);
	}

	@Override
	public String aggregateId() {
		return this.taskId.toString();
	}

}
