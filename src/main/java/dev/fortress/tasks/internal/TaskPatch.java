package dev.fortress.tasks.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;

/**
 * A partial update (JSON merge-patch semantics): a {@code null} field is absent and left
 * as it is; {@code Optional.empty()} is an explicit JSON null and clears the field. Only
 * the fields named here can change: id, project, type, version and creator cannot be set
 * through a patch.
 */
@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
public record TaskPatch(@Nullable Optional<String> title, @Nullable Optional<String> description,
		@Nullable Optional<Priority> priority, @Nullable Optional<TaskStatus> status,
		@Nullable Optional<UUID> categoryId, @Nullable Optional<UUID> assigneeId,
		@Nullable Optional<List<String>> labels, @Nullable Optional<LocalDate> dueDate,
		@Nullable Optional<UUID> parentId, @Nullable Optional<Severity> severity,
		@Nullable Optional<Integer> storyPoints) {

	/**
	 * The state after this patch; 400 for clearing a required field or a wrong-type
	 * field.
	 */
	public TaskState applyTo(Task task) {
		TaskState s = task.state();
		TaskState next = new TaskState(s.projectId(), required("title", this.title, s.title()).strip(),
				TaskFactory.blankToNull(optional(this.description, s.description())),
				required("priority", this.priority, s.priority()), required("status", this.status, s.status()),
				optional(this.categoryId, s.categoryId()), optional(this.assigneeId, s.assigneeId()),
				(this.labels == null) ? s.labels() : TaskFactory.labels(this.labels.orElse(List.of())),
				TaskFactory.checkDate(optional(this.dueDate, s.dueDate())), optional(this.parentId, s.parentId()),
				optional(this.severity, s.severity()), optional(this.storyPoints, s.storyPoints()));
		TaskFactory.checkTypeFields(task.type(), next);
		return next;
	}

	private static <T> T required(String field, @Nullable Optional<T> patch, T current) {
		if (patch == null) {
			return current;
		}
		return patch.orElseThrow(() -> ApiException.invalid(field, "cannot be cleared"));
	}

	private static <T> @Nullable T optional(@Nullable Optional<T> patch, @Nullable T current) {
		return patch == null ? current : patch.orElse(null);
	}

}
