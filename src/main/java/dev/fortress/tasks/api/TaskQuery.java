package dev.fortress.tasks.api;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The task list's query parameters, as the caller gave them. */
public record TaskQuery(@Nullable UUID projectId, @Nullable TaskStatus status, @Nullable Priority priority,
		@Nullable TaskType type, @Nullable UUID categoryId, @Nullable UUID assigneeId, @Nullable String label,
		@Nullable String q, @Nullable LocalDate dueBefore, TaskSort sort, @Nullable String cursor, int limit) {
}
