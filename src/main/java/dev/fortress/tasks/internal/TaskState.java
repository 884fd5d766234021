package dev.fortress.tasks.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.Severity;
import dev.fortress.tasks.api.TaskHistoryEntry.Change;
import dev.fortress.tasks.api.TaskStatus;

/**
 * Everything about a task that can change, as one value. History stores one per version,
 * so any version can be shown, compared and restored.
 */
record TaskState(UUID projectId, String title, @Nullable String description, Priority priority, TaskStatus status,
		@Nullable UUID categoryId, @Nullable UUID assigneeId, List<String> labels, @Nullable LocalDate dueDate,
		@Nullable UUID parentId, @Nullable Severity severity, @Nullable Integer storyPoints) {

	TaskState {
		labels = List.copyOf(labels);
	}

	/** The fields that differ from {@code before}, in a stable order. */
	Map<String, Change> changesSince(TaskState before) {
		Map<String, Change> changes = new LinkedHashMap<>();
		compare(changes, "projectId", before.projectId, this.projectId);
		compare(changes, "title", before.title, this.title);
		compare(changes, "description", before.description, this.description);
		compare(changes, "priority", before.priority, this.priority);
		compare(changes, "status", before.status, this.status);
		compare(changes, "categoryId", before.categoryId, this.categoryId);
		compare(changes, "assigneeId", before.assigneeId, this.assigneeId);
		compare(changes, "labels", before.labels, this.labels);
		compare(changes, "dueDate", before.dueDate, this.dueDate);
		compare(changes, "parentId", before.parentId, this.parentId);
		compare(changes, "severity", before.severity, this.severity);
		compare(changes, "storyPoints", before.storyPoints, this.storyPoints);
		return changes;
	}

	private static void compare(Map<String, Change> changes, String field, @Nullable Object from, @Nullable Object to) {
		if (!Objects.equals(from, to)) {
			changes.put(field, new Change(plain(from), plain(to)));
		}
	}

	/** History shows values as JSON scalars: enums and ids by name, dates as ISO text. */
	private static @Nullable Object plain(@Nullable Object value) {
		if (value == null || value instanceof List<?> || value instanceof Integer) {
			return value;
		}
		return value.toString();
	}

	TaskState withProject(UUID projectId, @Nullable UUID categoryId, @Nullable UUID assigneeId,
			@Nullable UUID parentId) {
		return new TaskState(projectId, this.title, this.description, this.priority, this.status, categoryId,
				assigneeId, this.labels, this.dueDate, parentId, this.severity, this.storyPoints);
	}

}
