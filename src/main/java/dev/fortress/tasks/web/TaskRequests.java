package dev.fortress.tasks.web;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.fortress.tasks.api.NewTask;
import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.Severity;
import dev.fortress.tasks.api.TaskPatch;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;

/**
 * Request bodies of the task endpoints. Unknown fields (id, projectId, version,
 * createdBy…) are rejected by the JSON reader, so nothing is mass-assigned.
 * <p>
 * Public (within TaskForge) because the GraphQL adapter builds and validates the same
 * requests: one source for the rules of a task's input, whichever API it arrives by.
 */
public final class TaskRequests {

	private TaskRequests() {
	}

	public record CreateTaskRequest(@NotBlank @Size(max = 200) @PlainText String title,
			@Size(max = 10000) @PlainText @Nullable String description, @NotNull TaskType type,
			@NotNull Priority priority, @Nullable TaskStatus status, @Nullable UUID categoryId,
			@Nullable UUID assigneeId, @Size(max = 20) @Nullable List<@NotNull @Size(max = 50) String> labels,
			@Nullable LocalDate dueDate, @Nullable UUID parentId, @Nullable Severity severity,
			@Min(0) @Max(100) @Nullable Integer storyPoints) {

		public NewTask toNewTask() {
			return new NewTask(this.title, this.description, this.type, this.priority, this.status, this.categoryId,
					this.assigneeId, this.labels, this.dueDate, this.parentId, this.severity, this.storyPoints);
		}

	}

	/**
	 * Merge-patch: an absent field is left alone, {@code null} clears it. A class with
	 * setters rather than a record, because only a setter call tells "absent" from
	 * "null".
	 */
	public static final class PatchTaskRequest {

		private final Set<String> present = new HashSet<>();

		@Size(min = 1, max = 200)
		@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
		@PlainText
		private @Nullable String title;

		@Size(max = 10000)
		@PlainText
		private @Nullable String description;

		private @Nullable Priority priority;

		private @Nullable TaskStatus status;

		private @Nullable UUID categoryId;

		private @Nullable UUID assigneeId;

		@Size(max = 20)
		private @Nullable List<@NotNull @Size(max = 50) String> labels;

		private @Nullable LocalDate dueDate;

		private @Nullable UUID parentId;

		private @Nullable Severity severity;

		@Min(0)
		@Max(100)
		private @Nullable Integer storyPoints;

		public void setTitle(@Nullable String title) {
			this.title = set("title", title);
		}

		public void setDescription(@Nullable String description) {
			this.description = set("description", description);
		}

		public void setPriority(@Nullable Priority priority) {
			this.priority = set("priority", priority);
		}

		public void setStatus(@Nullable TaskStatus status) {
			this.status = set("status", status);
		}

		public void setCategoryId(@Nullable UUID categoryId) {
			this.categoryId = set("categoryId", categoryId);
		}

		public void setAssigneeId(@Nullable UUID assigneeId) {
			this.assigneeId = set("assigneeId", assigneeId);
		}

		public void setLabels(@Nullable List<String> labels) {
			this.labels = set("labels", labels);
		}

		public void setDueDate(@Nullable LocalDate dueDate) {
			this.dueDate = set("dueDate", dueDate);
		}

		public void setParentId(@Nullable UUID parentId) {
			this.parentId = set("parentId", parentId);
		}

		public void setSeverity(@Nullable Severity severity) {
			this.severity = set("severity", severity);
		}

		public void setStoryPoints(@Nullable Integer storyPoints) {
			this.storyPoints = set("storyPoints", storyPoints);
		}

		private <T> @Nullable T set(String field, @Nullable T value) {
			this.present.add(field);
			return value;
		}

		public TaskPatch toPatch() {
			return new TaskPatch(given("title", this.title), given("description", this.description),
					given("priority", this.priority), given("status", this.status),
					given("categoryId", this.categoryId), given("assigneeId", this.assigneeId),
					given("labels", this.labels), given("dueDate", this.dueDate), given("parentId", this.parentId),
					given("severity", this.severity), given("storyPoints", this.storyPoints));
		}

		/** null when absent, otherwise the value (empty for an explicit JSON null). */
		@SuppressWarnings("OptionalAssignedToNull")
		private <T> @Nullable Optional<T> given(String field, @Nullable T value) {
			return this.present.contains(field) ? Optional.ofNullable(value) : null;
		}

	}

	record MoveRequest(@NotNull UUID projectId) {
	}

	record RevertRequest(@NotNull @Positive Long version) {
	}

	record CommentRequest(@NotBlank @Size(max = 5000) @PlainText String body) {
	}

}
