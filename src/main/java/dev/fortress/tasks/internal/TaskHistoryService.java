package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.IfMatch;

/**
 * A task's history and its undo (seed: Command pattern with undo): reverting restores an
 * old version's state as a new version, so history itself is never rewritten.
 */
@Service
public class TaskHistoryService {

	private final TaskStore store;

	private final TaskService tasks;

	private final TaskRules rules;

	private final Clock clock;

	TaskHistoryService(TaskStore store, TaskService tasks, TaskRules rules, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.rules = rules;
		this.clock = clock;
	}

	public List<TaskVersion> history(UUID taskId, CurrentUser user) {
		this.tasks.visible(taskId, user);
		return this.store.versions(taskId);
	}

	/**
	 * Restores version {@code number} as a new version. The task stays in its current
	 * project; a category, assignee or parent of the old version that is no longer valid
	 * there is cleared (and the history says so).
	 */
	@Transactional
	public TaskCard revert(UUID taskId, long number, IfMatch ifMatch, CurrentUser user) {
		this.tasks.editable(taskId, user);
		Task current = this.store.findForUpdate(taskId).orElseThrow(() -> ApiException.notFound("Task"));
		ifMatch.check(current.version());
		TaskVersion old = this.store.version(taskId, number)
			.orElseThrow(() -> ApiException.invalid("version", "this task has no version " + number));
		TaskState restored = stillValid(taskId, current, old.state());
		Task reverted = current.next(restored, this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		var entry = TaskVersion.of(reverted, TaskVersion.Action.REVERTED, user.id(),
				restored.changesSince(current.state()));
		if (!this.store.update(reverted, current.version(), entry)) {
			throw ApiException.conflict("The task was changed concurrently; retry");
		}
		return this.tasks.card(reverted);
	}

	private TaskState stillValid(UUID taskId, Task current, TaskState old) {
		TaskState state = old.withProject(current.projectId(), old.categoryId(), old.assigneeId(), old.parentId());
		for (String field : List.of("categoryId", "assigneeId", "parentId")) {
			try {
				this.rules.check(taskId, current.state(), state);
				return state;
			}
			catch (ApiException ex) {
				String bad = ex.errors().isEmpty() ? field : ex.errors().get(0).field();
				state = state.withProject(state.projectId(), bad.equals("categoryId") ? null : state.categoryId(),
						bad.equals("assigneeId") ? null : state.assigneeId(),
						bad.equals("parentId") ? null : state.parentId());
			}
		}
		return state;
	}

}
