package dev.fortress.tasks.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.tasks.internal.Priority;
import dev.fortress.tasks.internal.Severity;
import dev.fortress.tasks.internal.Task;
import dev.fortress.tasks.internal.TaskCard;
import dev.fortress.tasks.internal.TaskState;
import dev.fortress.tasks.internal.TaskStatus;
import dev.fortress.tasks.internal.TaskType;

/** A task as the API shows it. {@code version} is also its ETag. */
record TaskView(UUID id, UUID projectId, TaskType type, String title, @Nullable String description, Priority priority,
		TaskStatus status, @Nullable UUID categoryId, @Nullable UUID assigneeId, @Nullable String assigneeName,
		List<String> labels, @Nullable LocalDate dueDate, @Nullable UUID parentId, @Nullable Severity severity,
		@Nullable Integer storyPoints, int commentCount, long version, UUID createdBy, Instant createdAt,
		Instant updatedAt, @Nullable Instant completedAt) {

	static TaskView of(TaskCard card) {
		Task t = card.task();
		TaskState s = t.state();
		return new TaskView(t.id(), s.projectId(), t.type(), s.title(), s.description(), s.priority(), s.status(),
				s.categoryId(), s.assigneeId(), card.assigneeName(), s.labels(), s.dueDate(), s.parentId(),
				s.severity(), s.storyPoints(), card.commentCount(), t.version(), t.createdBy(), t.createdAt(),
				t.updatedAt(), t.completedAt());
	}

}
