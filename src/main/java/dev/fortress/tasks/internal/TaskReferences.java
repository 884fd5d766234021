package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.fortress.tasks.api.TaskHistoryEntry.Action;
import dev.fortress.tasks.api.TaskSort;

/**
 * Keeps a task's references valid when what they point at goes away: a member who leaves
 * is unassigned from the project's tasks, a deleted category is cleared from its tasks.
 * Each task changes as a new version in its history (so its ETag changes too), exactly as
 * if someone had patched it.
 */
@Component
class TaskReferences {

	private static final int BATCH = 200;

	private final TaskStore store;

	private final Clock clock;

	TaskReferences(TaskStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * @return how many tasks were unassigned
	 */
	int unassign(UUID projectId, UUID userId, UUID actor) {
		return clear(search(projectId, null, userId), TaskState::assigneeId, userId,
				s -> s.withProject(s.projectId(), s.categoryId(), null, s.parentId()), actor);
	}

	/**
	 * @return how many tasks lost the category
	 */
	int uncategorise(UUID projectId, UUID categoryId, UUID actor) {
		return clear(search(projectId, categoryId, null), TaskState::categoryId, categoryId,
				s -> s.withProject(s.projectId(), null, s.assigneeId(), s.parentId()), actor);
	}

	private int clear(TaskSearch search, Function<TaskState, @Nullable UUID> field, UUID value,
			Function<TaskState, TaskState> cleared, UUID actor) {
		int count = 0;
		List<Task> batch;
		do {
			// each batch no longer matches the search once cleared, so the next one is
			// new
			batch = this.store.search(search);
			for (Task found : batch) {
				// re-read under the lock: the task may have changed since the search
				Task task = this.store.findForUpdate(found.id()).orElse(null);
				if (task != null && value.equals(field.apply(task.state()))) {
					TaskState next = cleared.apply(task.state());
					Task updated = task.next(next, this.clock.instant().truncatedTo(ChronoUnit.MICROS));
					if (this.store.update(updated, task.version(),
							TaskVersion.of(updated, Action.UPDATED, actor, next.changesSince(task.state())))) {
						count++;
					}
				}
			}
		}
		while (batch.size() == BATCH);
		return count;
	}

	private static TaskSearch search(UUID projectId, @Nullable UUID categoryId, @Nullable UUID assigneeId) {
		return new TaskSearch(null, projectId, null, null, null, categoryId, assigneeId, null, null, null,
				TaskSort.CREATED, null, BATCH);
	}

}
