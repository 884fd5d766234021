package dev.fortress.tasks.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.tasks.api.TaskView;
import dev.fortress.tasks.internal.TaskStore.Listed;

/**
 * Turns tasks into what readers see: the task's fields plus its assignee's name and its
 * comment count. A list of any length costs two statements (names through
 * {@link IdentityApi#findUsers}, counts for all ids at once), never one per task; a list
 * read with its counts ({@link TaskStore#searchWithCommentCounts}) only the first, and
 * none when no task is assigned.
 */
@Component
class TaskViews {

	private final TaskStore store;

	private final IdentityApi identity;

	TaskViews(TaskStore store, IdentityApi identity) {
		this.store = store;
		this.identity = identity;
	}

	TaskView of(Task task) {
		return of(List.of(task)).get(0);
	}

	List<TaskView> of(List<Task> tasks) {
		if (tasks.isEmpty()) {
			return List.of();
		}
		Map<UUID, Integer> comments = this.store.commentCounts(tasks.stream().map(Task::id).toList());
		return listed(tasks.stream().map(task -> new Listed(task, comments.getOrDefault(task.id(), 0))).toList());
	}

	/** Tasks whose comment counts were read with them: only the names are looked up. */
	List<TaskView> listed(List<Listed> tasks) {
		if (tasks.isEmpty()) {
			return List.of();
		}
		Map<UUID, UserSummary> assignees = this.identity.findUsers(tasks.stream()
			.map(listed -> listed.task().state().assigneeId())
			.filter(Objects::nonNull)
			.distinct()
			.toList());
		return tasks.stream()
			.map(listed -> view(listed.task(), assignees.get(listed.task().state().assigneeId()), listed.comments()))
			.toList();
	}

	private static TaskView view(Task task, @Nullable UserSummary assignee, int commentCount) {
		TaskState s = task.state();
		return new TaskView(task.id(), s.projectId(), task.type(), s.title(), s.description(), s.priority(), s.status(),
				s.categoryId(), s.assigneeId(), assignee == null ? null : assignee.displayName(), s.labels(),
				s.dueDate(), s.parentId(), s.severity(), s.storyPoints(), commentCount, task.version(),
				task.createdBy(), task.createdAt(), task.updatedAt(), task.completedAt());
	}

}
