package dev.fortress.tasks.internal;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ApiException;

/**
 * The rules a task's references must follow: its category belongs to its project, its
 * assignee is a member of it, and its parent is a task of the same project that is not
 * the task itself or one of its descendants, no deeper than {@link #MAX_DEPTH} levels.
 * Only references that change are checked, so an old assignment does not block an
 * unrelated edit.
 */
@Component
class TaskRules {

	/** A task, its subtasks and their subtasks; no deeper. */
	static final int MAX_DEPTH = 3;

	private final TaskStore store;

	private final CategoryService categories;

	private final ProjectAccess access;

	TaskRules(TaskStore store, CategoryService categories, ProjectAccess access) {
		this.store = store;
		this.categories = categories;
		this.access = access;
	}

	/**
	 * @throws ApiException 400 naming the first reference that breaks a rule
	 */
	void check(@Nullable UUID taskId, @Nullable TaskState before, TaskState after) {
		UUID project = after.projectId();
		if (after.categoryId() != null && changed(before, after, TaskState::categoryId)
				&& !this.categories.belongsTo(after.categoryId(), project)) {
			throw ApiException.invalid("categoryId", "is not a category of this project");
		}
		if (after.assigneeId() != null && changed(before, after, TaskState::assigneeId)
				&& !this.access.isMember(project, after.assigneeId())) {
			throw ApiException.invalid("assigneeId", "is not a member of this project");
		}
		if (after.parentId() != null && changed(before, after, TaskState::parentId)) {
			checkParent(taskId, after.parentId(), project);
		}
	}

	private void checkParent(@Nullable UUID taskId, UUID parentId, UUID project) {
		Task parent = lockParent(parentId).filter(found -> found.projectId().equals(project))
			.orElseThrow(() -> ApiException.invalid("parentId", "is not a task of this project"));
		int depth = 1;
		Set<UUID> seen = new HashSet<>();
		for (Task ancestor = parent; ancestor != null; depth++) {
			if (ancestor.id().equals(taskId) || !seen.add(ancestor.id())) {
				throw ApiException.invalid("parentId", "would make a cycle");
			}
			UUID next = ancestor.state().parentId();
			ancestor = next == null ? null : this.store.find(next).orElse(null);
		}
		// depth now counts the task and the levels above it; add the levels below it
		int below = (taskId == null) ? 0 : height(taskId, MAX_DEPTH);
		if (depth + below > MAX_DEPTH) {
			throw ApiException.invalid("parentId", "subtasks may be at most " + MAX_DEPTH + " levels deep");
		}
	}

	/**
	 * Reads the parent under a row lock, held until the transaction ends. A plain read
	 * saw a parent that a concurrent, uncommitted move was taking to another project, and
	 * the new subtask was left behind in the old one. Two tasks made each other's parent
	 * at the same time now deadlock instead of forming a cycle; PostgreSQL aborts one and
	 * the caller gets a 409 to retry.
	 */
	private Optional<Task> lockParent(UUID parentId) {
		try {
			return this.store.findForUpdate(parentId);
		}
		catch (PessimisticLockingFailureException ex) {
			throw ApiException.conflict("The parent task is being changed concurrently; retry");
		}
	}

	/**
	 * Levels of subtasks below a task (0 if none), looking at most {@code limit} deep.
	 */
	int height(UUID taskId, int limit) {
		if (limit == 0) {
			return 0;
		}
		int max = 0;
		for (Task child : this.store.children(taskId)) {
			max = Math.max(max, 1 + height(child.id(), limit - 1));
		}
		return max;
	}

	private static boolean changed(@Nullable TaskState before, TaskState after,
			java.util.function.Function<TaskState, @Nullable Object> field) {
		return before == null || !Objects.equals(field.apply(before), field.apply(after))
				|| !before.projectId().equals(after.projectId());
	}

}
