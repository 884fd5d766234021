package dev.fortress.tasks.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.Ids;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.api.NewTask;
import dev.fortress.tasks.api.TaskPatch;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;

/**
 * Makes tasks of the three types, and their next states from patches, in one place, so
 * the rules that depend on the type hold for both: a BUG needs a severity, only a FEATURE
 * has story points, and the fields of one type are a 400 on another. Also normalises
 * labels and checks dates.
 */
final class TaskFactory {

	static final int MAX_LABELS = 20;

	private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,49}");

	private TaskFactory() {
	}

	/** A new task, version 1, in the given project. */
	static Task create(NewTask request, UUID projectId, UUID createdBy, Instant now) {
		TaskState state = new TaskState(projectId, request.title().strip(), blankToNull(request.description()),
				request.priority(), request.status() == null ? TaskStatus.TODO : request.status(), request.categoryId(),
				request.assigneeId(), labels(request.labels()), checkDate(request.dueDate()), request.parentId(),
				request.severity(), request.storyPoints());
		checkTypeFields(request.type(), state);
		Instant completed = state.status() == TaskStatus.DONE ? now : null;
		return new Task(Ids.newId(), request.type(), state, 1, createdBy, now, now, completed);
	}

	/**
	 * The state after a patch; 400 for clearing a required field or a field of another
	 * type.
	 */
	static TaskState patched(Task task, TaskPatch patch) {
		TaskState s = task.state();
		TaskState next = new TaskState(s.projectId(), required("title", patch.title(), s.title()).strip(),
				blankToNull(optional(patch.description(), s.description())),
				required("priority", patch.priority(), s.priority()), required("status", patch.status(), s.status()),
				optional(patch.categoryId(), s.categoryId()), optional(patch.assigneeId(), s.assigneeId()),
				(patch.labels() == null) ? s.labels() : labels(patch.labels().orElse(List.of())),
				checkDate(optional(patch.dueDate(), s.dueDate())), optional(patch.parentId(), s.parentId()),
				optional(patch.severity(), s.severity()), optional(patch.storyPoints(), s.storyPoints()));
		checkTypeFields(task.type(), next);
		return next;
	}

	/**
	 * @throws ApiException 400 if the state has fields its type may not have
	 */
	static void checkTypeFields(TaskType type, TaskState state) {
		if (type == TaskType.BUG && state.severity() == null) {
			throw ApiException.invalid("severity", "is required for a BUG");
		}
		if (type != TaskType.BUG && state.severity() != null) {
			throw ApiException.invalid("severity", "is only allowed on a BUG");
		}
		if (type != TaskType.FEATURE && state.storyPoints() != null) {
			throw ApiException.invalid("storyPoints", "are only allowed on a FEATURE");
		}
	}

	/**
	 * Labels trimmed, lower-cased, de-duplicated and sorted; 400 if any is not a label.
	 */
	static List<String> labels(@Nullable List<String> labels) {
		if (labels == null) {
			return List.of();
		}
		if (labels.size() > MAX_LABELS) {
			throw ApiException.invalid("labels", "at most " + MAX_LABELS + " labels");
		}
		TreeSet<String> normalised = new TreeSet<>();
		for (String label : labels) {
			String clean = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
			if (!LABEL.matcher(clean).matches()) {
				throw ApiException.invalid("labels",
						"each label is 1-50 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
			}
			normalised.add(clean);
		}
		return List.copyOf(normalised);
	}

	static @Nullable LocalDate checkDate(@Nullable LocalDate date) {
		if (date != null && (date.getYear() < 2000 || date.getYear() > 2100)) {
			throw ApiException.invalid("dueDate", "must be between 2000-01-01 and 2100-12-31");
		}
		return date;
	}

	@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
	private static <T> T required(String field, @Nullable Optional<T> patch, T current) {
		if (patch == null) {
			return current;
		}
		return patch.orElseThrow(() -> ApiException.invalid(field, "cannot be cleared"));
	}

	@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
	private static <T> @Nullable T optional(@Nullable Optional<T> patch, @Nullable T current) {
		return patch == null ? current : patch.orElse(null);
	}

	static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

}
