package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.tasks.TaskChanged;
import dev.fortress.tasks.TaskCreated;
import dev.fortress.tasks.TaskDeleted;
import dev.fortress.tasks.api.NewTask;
import dev.fortress.tasks.api.ProjectRole;
import dev.fortress.tasks.api.TaskHistoryEntry.Action;
import dev.fortress.tasks.api.TaskPatch;
import dev.fortress.tasks.api.TaskQuery;
import dev.fortress.tasks.api.TaskView;

/**
 * Task use cases: create, read, list, change, delete. Access is checked against the
 * task's project on every call; every change appends a version to the history.
 */
@Service
public class TaskService {

	/**
	 * Concurrent writers without If-Match retry this often before giving up with a 409.
	 */
	private static final int MAX_ATTEMPTS = 10;

	private final TaskStore store;

	private final ProjectAccess access;

	private final TaskRules rules;

	private final TaskViews views;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	TaskService(TaskStore store, ProjectAccess access, TaskRules rules, TaskViews views, Clock clock,
			ApplicationEventPublisher events) {
		this.store = store;
		this.access = access;
		this.rules = rules;
		this.views = views;
		this.clock = clock;
		this.events = events;
	}

	@Transactional
	public TaskView create(UUID projectId, NewTask request, CurrentUser user) {
		this.access.requireEditor(projectId, user);
		Task task = TaskFactory.create(request, projectId, user.id(), now());
		this.rules.check(null, null, task.state());
		this.store.insert(task, TaskVersion.of(task, Action.CREATED, user.id(), Map.of()));
		this.events.publishEvent(new TaskCreated(task.id(), projectId, task.state().title(), task.state().status(),
				task.state().assigneeId(), user.id(), EventMetadata.now(this.clock)));
		return this.views.of(task);
	}

	public TaskView get(UUID id, CurrentUser user) {
		return this.views.of(visible(id, user));
	}

	/**
	 * Applies a patch. With {@code If-Match} the task must still be at that version (412
	 * otherwise). Without it, a concurrent change is never overwritten: the task is read
	 * under a lock (JDBC) and written only if its version is unchanged, else re-read and
	 * the patch re-applied.
	 */
	@Transactional
	public TaskView update(UUID id, TaskPatch patch, IfMatch ifMatch, CurrentUser user) {
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Task current = this.store.findForUpdate(id).orElseThrow(() -> ApiException.notFound("Task"));
			requireEditor(current, user);
			ifMatch.check(current.version());
			TaskState next = TaskFactory.patched(current, patch);
			if (next.equals(current.state())) {
				return this.views.of(current);
			}
			this.rules.check(id, current.state(), next);
			Task updated = current.next(next, now());
			var version = TaskVersion.of(updated, Action.UPDATED, user.id(), next.changesSince(current.state()));
			if (this.store.update(updated, current.version(), version)) {
				this.events.publishEvent(new TaskChanged(id, next.projectId(), next.title(), updated.version(),
						current.state().status(), next.status(), current.state().assigneeId(), next.assigneeId(),
						user.id(), EventMetadata.now(this.clock)));
				return this.views.of(updated);
			}
		}
		throw ApiException.conflict("The task is being changed by others; retry");
	}

	@Transactional
	public void delete(UUID id, CurrentUser user) {
		Task task = editable(id, user);
		List<UUID> subtasks = new ArrayList<>();
		collectSubtasks(id, subtasks);
		this.store.delete(id);
		this.events.publishEvent(new TaskDeleted(id, task.projectId(), task.version(), subtasks, user.id(),
				EventMetadata.now(this.clock)));
	}

	private void collectSubtasks(UUID parentId, List<UUID> into) {
		for (Task child : this.store.children(parentId)) {
			into.add(child.id());
			collectSubtasks(child.id(), into);
		}
	}

	/**
	 * One page of the tasks the caller may see, in a constant number of statements.
	 * @throws ApiException 400 for a due date or cursor outside what PostgreSQL stores
	 */
	public CursorPage<TaskView> list(TaskQuery query, CurrentUser user) {
		if (query.dueBefore() != null && !TaskCursor.storable(query.dueBefore())) {
			throw ApiException.invalid("dueBefore", "must be between 0001-01-01 and 9999-12-31");
		}
		UUID member = null;
		if (query.projectId() != null) {
			// visibility is settled for a single project (404 for a missing one, admins
			// included): without a redundant "any of my projects" condition the planner
			// walks the (project, created) index in order
			this.access.requireViewer(query.projectId(), user);
		}
		else {
			// the store reads the caller's projects in the page's own statement
			member = this.access.listsAsMember(user);
		}
		TaskCursor after = TaskCursor.decode(query.cursor(), query.sort());
		List<TaskStore.Listed> rows = this.store.searchWithCommentCounts(new TaskSearch(null, query.projectId(),
				query.status(), query.priority(), query.type(), query.categoryId(), query.assigneeId(), query.label(),
				TaskFactory.blankToNull(query.q()), query.dueBefore(), query.sort(), after, query.limit() + 1, member));
		CursorPage<TaskStore.Listed> page = CursorPage.of(rows, query.limit(),
				listed -> TaskCursor.after(query.sort(), listed.task()).encode());
		return new CursorPage<>(this.views.listed(page.items()), page.nextCursor());
	}

	/**
	 * A page of tasks for each of these projects, the query's filters, sort, position and
	 * page size applied to each on its own, in a constant number of statements however
	 * many projects there are: the caller's memberships (none for one project, whose role
	 * is cached), the pages, the assignees' names.
	 * @throws ApiException 404 if the caller may not see one of the projects, 400 as
	 * {@link #list}
	 */
	public Map<UUID, CursorPage<TaskView>> listPerProject(Collection<UUID> projectIds, TaskQuery query,
			CurrentUser user) {
		if (query.dueBefore() != null && !TaskCursor.storable(query.dueBefore())) {
			throw ApiException.invalid("dueBefore", "must be between 0001-01-01 and 9999-12-31");
		}
		Set<UUID> projects = new LinkedHashSet<>(projectIds);
		if (!this.access.visible(projects, user).containsAll(projects)) {
			throw ApiException.notFound("Project");
		}
		TaskCursor after = TaskCursor.decode(query.cursor(), query.sort());
		List<TaskStore.Listed> rows = projects.isEmpty() ? List.of()
				: this.store.searchPerProject(new TaskSearch(projects, null, query.status(), query.priority(),
						query.type(), query.categoryId(), query.assigneeId(), query.label(),
						TaskFactory.blankToNull(query.q()), query.dueBefore(), query.sort(), after, query.limit() + 1));
		Map<UUID, CursorPage<TaskStore.Listed>> pages = new LinkedHashMap<>();
		for (UUID projectId : projects) {
			List<TaskStore.Listed> ofProject = rows.stream()
				.filter(listed -> listed.task().projectId().equals(projectId))
				.toList();
			pages.put(projectId, CursorPage.of(ofProject, query.limit(),
					listed -> TaskCursor.after(query.sort(), listed.task()).encode()));
		}
		// one look-up of names for every page
		List<TaskView> views = this.views
			.listed(pages.values().stream().flatMap(page -> page.items().stream()).toList());
		Map<UUID, CursorPage<TaskView>> result = new LinkedHashMap<>();
		int from = 0;
		for (Map.Entry<UUID, CursorPage<TaskStore.Listed>> page : pages.entrySet()) {
			int size = page.getValue().items().size();
			result.put(page.getKey(), new CursorPage<>(views.subList(from, from + size), page.getValue().nextCursor()));
			from += size;
		}
		return result;
	}

	/**
	 * The direct subtasks of each of these tasks, oldest first, in a constant number of
	 * statements however many there are; tasks of projects the caller may not see get
	 * none.
	 */
	public Map<UUID, List<TaskView>> subtasksFor(Collection<TaskView> parents, CurrentUser user) {
		Map<UUID, List<Task>> children = this.store.childrenOf(this.access.visibleTasks(parents, user));
		List<Task> all = children.values().stream().flatMap(List::stream).toList();
		Map<UUID, TaskView> views = new HashMap<>();
		this.views.of(all).forEach(view -> views.put(view.id(), view));
		Map<UUID, List<TaskView>> result = new HashMap<>();
		parents.forEach(parent -> result.put(parent.id(),
				children.getOrDefault(parent.id(), List.of()).stream().map(child -> views.get(child.id())).toList()));
		return result;
	}

	/** The task if the caller may see its project; 404 otherwise (no existence leak). */
	Task visible(UUID id, CurrentUser user) {
		Task task = this.store.find(id).orElseThrow(() -> ApiException.notFound("Task"));
		requireViewer(task, user);
		return task;
	}

	/**
	 * The task if the caller may change it: 404 if they may not see it, 403 if only read.
	 */
	Task editable(UUID id, CurrentUser user) {
		Task task = this.store.find(id).orElseThrow(() -> ApiException.notFound("Task"));
		requireEditor(task, user);
		return task;
	}

	/**
	 * "Task not found", exactly as for a task that does not exist: a "Project not found"
	 * here would tell a non-member that the id is a real task.
	 */
	private ProjectRole requireViewer(Task task, CurrentUser user) {
		return this.access.effectiveRole(task.projectId(), user).orElseThrow(() -> ApiException.notFound("Task"));
	}

	private void requireEditor(Task task, CurrentUser user) {
		if (!requireViewer(task, user).canEdit()) {
			throw ApiException.forbidden("You may only read this project");
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
