package dev.fortress.tasks.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A task as its readers see it: its fields, plus the assignee's name and the number of
 * comments. {@code version} is also its ETag.
 */
public record TaskView(UUID id, UUID projectId, TaskType type, String title, @Nullable String description,
		Priority priority, TaskStatus status, @Nullable UUID categoryId, @Nullable UUID assigneeId,
		@Nullable String assigneeName, List<String> labels, @Nullable LocalDate dueDate, @Nullable UUID parentId,
		@Nullable Severity severity, @Nullable Integer storyPoints, int commentCount, long version, UUID createdBy,
		Instant createdAt, Instant updatedAt, @Nullable Instant completedAt) {
}
