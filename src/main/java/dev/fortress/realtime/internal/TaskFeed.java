package dev.fortress.realtime.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.fortress.tasks.CommentAdded;
import dev.fortress.tasks.TaskChanged;
import dev.fortress.tasks.TaskCreated;
import dev.fortress.tasks.TaskDeleted;
import dev.fortress.tasks.TaskMoved;

/**
 * Live boards: every committed task change goes to {@code /topic/projects/<projectId>},
 * whose subscribers are the project's members ({@link Destinations}). Each update names
 * the task's version after the change, so a client that already has a newer one ignores
 * it. A moved task is announced to both projects. A status travels as its name: its type
 * is TaskForge's own vocabulary, which other modules do not import.
 */
@Component
class TaskFeed {

	private final LiveFeed feed;

	TaskFeed(LiveFeed feed) {
		this.feed = feed;
	}

	@EventListener
	void on(TaskCreated event) {
		send(event.projectId(),
				new TaskUpdate("created", event.taskId(), event.projectId(), 1L, event.title(),
						String.valueOf(event.status()), event.createdBy(), null, null, List.of(),
						event.metadata().occurredAt()));
	}

	@EventListener
	void on(TaskChanged event) {
		send(event.projectId(),
				new TaskUpdate("updated", event.taskId(), event.projectId(), event.version(), event.title(),
						String.valueOf(event.status()), event.changedBy(), null, null, List.of(),
						event.metadata().occurredAt()));
	}

	@EventListener
	void on(TaskMoved event) {
		TaskUpdate update = new TaskUpdate("moved", event.taskId(), event.toProjectId(), event.version(), null, null,
				event.movedBy(), null, event.fromProjectId(), event.subtaskIds(), event.metadata().occurredAt());
		send(event.fromProjectId(), update);
		send(event.toProjectId(), update);
	}

	@EventListener
	void on(TaskDeleted event) {
		send(event.projectId(), new TaskUpdate("deleted", event.taskId(), event.projectId(), event.version(), null,
				null, event.deletedBy(), null, null, List.of(), event.metadata().occurredAt()));
	}

	@EventListener
	void on(CommentAdded event) {
		send(event.projectId(), new TaskUpdate("commented", event.taskId(), event.projectId(), null, event.taskTitle(),
				null, event.authorId(), event.commentId(), null, List.of(), event.metadata().occurredAt()));
	}

	private void send(UUID projectId, TaskUpdate update) {
		AfterCommit.run(() -> this.feed.publish("/topic/projects/" + projectId, update));
	}

	/**
	 * What a board receives.
	 *
	 * @param type {@code created}, {@code updated}, {@code moved}, {@code deleted} or
	 * {@code commented}
	 * @param projectId the project the task is in now
	 * @param version the task's version after the change (none for a comment, which does
	 * not change the task)
	 * @param actorId who made the change
	 * @param commentId the new comment ({@code commented})
	 * @param fromProjectId where it was ({@code moved})
	 * @param subtaskIds the subtasks that moved with it ({@code moved})
	 */
	record TaskUpdate(String type, UUID taskId, UUID projectId, @Nullable Long version, @Nullable String title,
			@Nullable String status, UUID actorId, @Nullable UUID commentId, @Nullable UUID fromProjectId,
			List<UUID> subtaskIds, Instant occurredAt) {
	}

}
