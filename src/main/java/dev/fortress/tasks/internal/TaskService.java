package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.IfMatch;

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

	private final IdentityApi identity;

	private final Clock clock;

	TaskService(TaskStore store, ProjectAccess access, TaskRules rules, IdentityApi identity, Clock clock) {
		this.store = store;
		this.access = access;
		this.rules = rules;
		this.identity = identity;
		this.clock = clock;
	}

	@Transactional
	public TaskCard create(UUID projectId, NewTask request, CurrentUser user) {
		this.access.requireEditor(projectId, user);
		Task task = TaskFactory.create(request, projectId, user.id(), now());
		this.rules.check(null, null, task.state());
		this.store.insert(task, TaskVersion.of(task, TaskVersion.Action.CREATED, user.id(), Map.of()));
		return card(task);
	}

	public TaskCard get(UUID id, CurrentUser user) {
		return card(visible(id, user));
	}

	/**
	 * Applies a patch. With {@code If-Match} the task must still be at that version (412
	 * otherwise). Without it, a concurrent change is never overwritten: the task is read
	 * under a lock (JDBC) and written only if its version is unchanged, else re-read and
	 * the patch re-applied.
	 */
	@Transactional
	public TaskCard update(UUID id, TaskPatch patch, IfMatch ifMatch, CurrentUser user) {
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Task current = this.store.findForUpdate(id).orElseThrow(() -> ApiException.notFound("Task"));
			requireEditor(current, user);
			ifMatch.check(current.version());
			TaskState next = patch.applyTo(current);
			if (next.equals(current.state())) {
				return card(current);
			}
			this.rules.check(id, current.state(), next);
			Task updated = current.next(next, now());
			var version = TaskVersion.of(updated, TaskVersion.Action.UPDATED, user.id(),
					next.changesSince(current.state()));
			if (this.store.update(updated, current.version(), version)) {
				return card(updated);
			}
		}
		throw ApiException.conflict("The task is being changed by others; retry");
	}

	@Transactional
	public void delete(UUID id, CurrentUser user) {
		editable(id, user);
		this.store.delete(id);
	}

	/** One page of the tasks the caller may see, in a constant number of statements. */
	public CursorPage<TaskCard> list(TaskQuery query, CurrentUser user) {
		Set<UUID> visible = null;
		if (query.projectId() != null) {
			// visibility is settled for a single project (404 for a missing one, admins
			// included): without a redundant "any of my projects" condition the planner
			// walks the (project, created) index in order
			this.access.requireViewer(query.projectId(), user);
		}
		else {
			visible = this.access.visibleProjects(user);
		}
		TaskCursor after = TaskCursor.decode(query.cursor(), query.sort());
		List<Task> rows = this.store.search(new TaskSearch(visible, query.projectId(), query.status(), query.priority(),
				query.type(), query.categoryId(), query.assigneeId(), query.label(), TaskFactory.blankToNull(query.q()),
				query.dueBefore(), query.sort(), after, query.limit() + 1));
		CursorPage<Task> page = CursorPage.of(rows, query.limit(),
				task -> TaskCursor.after(query.sort(), task).encode());
		List<UUID> ids = page.items().stream().map(Task::id).toList();
		Map<UUID, Integer> comments = this.store.commentCounts(ids);
		Map<UUID, UserSummary> assignees = this.identity.findUsers(page.items()
			.stream()
			.map(task -> task.state().assigneeId())
			.filter(java.util.Objects::nonNull)
			.distinct()
			.toList());
		return page.map(task -> new TaskCard(task, name(assignees.get(task.state().assigneeId())),
				comments.getOrDefault(task.id(), 0)));
	}

	/** The task if the caller may see its project; 404 otherwise (no existence leak). */
	public Task visible(UUID id, CurrentUser user) {
		Task task = this.store.find(id).orElseThrow(() -> ApiException.notFound("Task"));
		requireViewer(task, user);
		return task;
	}

	/**
	 * The task if the caller may change it: 404 if they may not see it, 403 if only read.
	 */
	public Task editable(UUID id, CurrentUser user) {
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

	TaskCard card(Task task) {
		UUID assignee = task.state().assigneeId();
		String name = assignee == null ? null : name(this.identity.findUser(assignee).orElse(null));
		return new TaskCard(task, name, this.store.commentCounts(List.of(task.id())).getOrDefault(task.id(), 0));
	}

	private static @Nullable String name(@Nullable UserSummary user) {
		return user == null ? null : user.displayName();
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
