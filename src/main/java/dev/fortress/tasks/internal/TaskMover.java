package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.TaskMoved;
import dev.fortress.tasks.api.TaskHistoryEntry.Action;
import dev.fortress.platform.events.EventMetadata;

/**
 * Moves a task and all its subtasks to another project in one transaction: either every
 * task arrives, with its history saying so, or none moves (a failure half-way rolls the
 * whole subtree back). A category follows by name when the target has one of that name;
 * an assignee stays if they are a member of the target; anything else is cleared and the
 * history records it.
 */
@Service
public class TaskMover {

	private final TaskStore store;

	private final ProjectAccess access;

	private final CategoryService categories;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TaskMover(TaskStore store, ProjectAccess access, CategoryService categories, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.access = access;
		this.categories = categories;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @throws ApiException 404 if either project is invisible, 403 unless EDITOR+ in both
	 */
	@Transactional
	public void move(UUID taskId, UUID targetProjectId, CurrentUser user) {
		Task root = this.store.findForUpdate(taskId).orElseThrow(() -> ApiException.notFound("Task"));
		UUID source = root.projectId();
		if (this.access.effectiveRole(source, user).isEmpty()) {
			throw ApiException.notFound("Task");
		}
		this.access.requireEditor(source, user);
		this.access.requireEditor(targetProjectId, user);
		if (source.equals(targetProjectId)) {
			throw ApiException.invalid("projectId", "the task is already in this project");
		}
		Map<String, UUID> targetCategories = categoriesByName(targetProjectId, user);
		Map<UUID, String> sourceCategories = new HashMap<>();
		this.categories.list(source, user).forEach(c -> sourceCategories.put(c.id(), key(c.name())));
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<UUID> moved = new ArrayList<>();
		long rootVersion = root.version();
		for (Task task : subtree(root)) {
			TaskState s = task.state();
			UUID category = s.categoryId() == null ? null : targetCategories.get(sourceCategories.get(s.categoryId()));
			UUID assignee = (s.assigneeId() != null && this.access.isMember(targetProjectId, s.assigneeId()))
					? s.assigneeId() : null;
			// the root leaves its parent behind; subtasks keep theirs (they move too)
			UUID parent = task == root ? null : s.parentId();
			TaskState next = s.withProject(targetProjectId, category, assignee, parent);
			Task updated = task.next(next, now);
			var version = TaskVersion.of(updated, Action.MOVED, user.id(), next.changesSince(s));
			if (!this.store.update(updated, task.version(), version)) {
				throw ApiException.conflict("A task being moved was changed concurrently; nothing was moved");
			}
			if (task == root) {
				rootVersion = updated.version();
			}
			else {
				moved.add(task.id());
			}
		}
		this.events.publishEvent(new TaskMoved(taskId, List.copyOf(moved), source, targetProjectId, user.id(),
				rootVersion, EventMetadata.now(this.clock)));
	}

	/** The task and all its descendants, parents before children. */
	private List<Task> subtree(Task root) {
		List<Task> all = new ArrayList<>(List.of(root));
		for (int i = 0; i < all.size(); i++) {
			all.addAll(this.store.children(all.get(i).id()));
		}
		return all;
	}

	private Map<String, UUID> categoriesByName(UUID projectId, CurrentUser user) {
		Map<String, UUID> byName = new HashMap<>();
		this.categories.list(projectId, user).forEach(c -> byName.put(key(c.name()), c.id()));
		return byName;
	}

	private static @Nullable String key(@Nullable String name) {
		return name == null ? null : name.toLowerCase(Locale.ROOT);
	}

}
