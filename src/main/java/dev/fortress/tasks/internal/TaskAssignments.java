package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Keeps "an assignee is a member of the task's project" true when a member leaves: their
 * tasks in that project are unassigned, each as a new version in the task's history.
 */
@Component
class TaskAssignments {

	private static final int BATCH = 200;

	private final TaskStore store;

	private final Clock clock;

	TaskAssignments(TaskStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * @return how many tasks were unassigned
	 */
	int unassign(UUID projectId, UUID userId, UUID actor) {
		int cleared = 0;
		List<Task> batch;
		do {
			batch = this.store.search(new TaskSearch(null, projectId, null, null, null, null, userId, null, null, null,
					TaskSort.CREATED, null, BATCH));
			for (Task found : batch) {
				// re-read under the lock: the task may have changed since the search
				Task task = this.store.findForUpdate(found.id()).orElse(null);
				if (task != null && userId.equals(task.state().assigneeId())) {
					TaskState s = task.state();
					TaskState next = s.withProject(s.projectId(), s.categoryId(), null, s.parentId());
					Task updated = task.next(next, this.clock.instant().truncatedTo(ChronoUnit.MICROS));
					if (this.store.update(updated, task.version(),
							TaskVersion.of(updated, TaskVersion.Action.UPDATED, actor, next.changesSince(s)))) {
						cleared++;
					}
				}
			}
		}
		while (batch.size() == BATCH);
		return cleared;
	}

}
