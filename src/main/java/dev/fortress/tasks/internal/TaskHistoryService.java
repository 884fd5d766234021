package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.tasks.api.TaskHistoryEntry;
import dev.fortress.tasks.api.TaskHistoryEntry.Action;
import dev.fortress.tasks.api.TaskView;

/**
 * A task's history and its undo. Every change is stored as a version holding the whole
 * state after it, so undo needs no inverse operation per kind of change: reverting
 * restores an old version's state as a new version, and history itself is never
 * rewritten.
 */
@Service
public class TaskHistoryService {

	private final TaskStore store;

	private final TaskService tasks;

	private final TaskRules rules;

	private final TaskViews views;

	private final ProjectAccess access;

	private final Clock clock;

	TaskHistoryService(TaskStore store, TaskService tasks, TaskRules rules, TaskViews views, ProjectAccess access,
			Clock clock) {
		this.store = store;
		this.access = access;
		this.tasks = tasks;
		this.rules = rules;
		this.views = views;
		this.clock = clock;
	}

	/** Every version of the task, oldest first. */
	public List<TaskHistoryEntry> history(UUID taskId, CurrentUser user) {
		this.tasks.visible(taskId, user);
		return this.store.versions(taskId).stream().map(TaskVersion::entry).toList();
	}

	/**
	 * The history of each of these tasks, oldest version first, in one statement whatever
	 * their number; tasks of projects the caller may not see get none.
	 */
	public Map<UUID, List<TaskHistoryEntry>> historyFor(Collection<TaskView> tasks, CurrentUser user) {
		Map<UUID, List<TaskVersion>> versions = this.store.versionsOf(this.access.visibleTasks(tasks, user));
		Map<UUID, List<TaskHistoryEntry>> all = new HashMap<>();
		tasks.forEach(task -> all.put(task.id(),
				versions.getOrDefault(task.id(), List.of()).stream().map(TaskVersion::entry).toList()));
		return all;
	}

	/**
	 * Restores version {@code number} as a new version. The task stays in its current
	 * project; a category, assignee or parent of the old version that is no longer valid
	 * there is cleared (and the history says so).
	 */
	@Transactional
	public TaskView revert(UUID taskId, long number, IfMatch ifMatch, CurrentUser user) {
		this.tasks.editable(taskId, user);
		Task current = this.store.findForUpdate(taskId).orElseThrow(() -> ApiException.notFound("Task"));
		ifMatch.check(current.version());
		TaskVersion old = this.store.version(taskId, number)
			.orElseThrow(() -> ApiException.invalid("version", "this task has no version " + number));
		TaskState restored = stillValid(taskId, current, old.state());
		Task reverted = current.next(restored, this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		var entry = TaskVersion.of(reverted, Action.REVERTED, user.id(), restored.changesSince(current.state()));
		if (!this.store.update(reverted, current.version(), entry)) {
			throw ApiException.conflict("The task was changed concurrently; retry");
		}
		return this.views.of(reverted);
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
