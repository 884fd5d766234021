package dev.fortress.tasks.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks for when creating a task; the type decides which fields it may have.
 */
public record NewTask(String title, @Nullable String description, TaskType type, Priority priority,
		@Nullable TaskStatus status, @Nullable UUID categoryId, @Nullable UUID assigneeId,
		@Nullable List<String> labels, @Nullable LocalDate dueDate, @Nullable UUID parentId,
		@Nullable Severity severity, @Nullable Integer storyPoints) {
}
