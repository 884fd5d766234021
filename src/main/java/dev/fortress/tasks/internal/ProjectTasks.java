package dev.fortress.tasks.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.fortress.tasks.api.TaskSort;
import dev.fortress.tasks.api.TaskView;

/**
 * All tasks of one project, oldest first, a page at a time: for background work (exports)
 * that checked the requester's access when the work was queued and runs without a caller.
 * A page costs three statements whatever its size.
 */
@Service
public class ProjectTasks {

	private final TaskStore store;

	private final TaskViews views;

	ProjectTasks(TaskStore store, TaskViews views) {
		this.store = store;
		this.views = views;
	}

	/** How many tasks the project has now (to report progress against). */
	public int count(UUID projectId) {
		return this.store.countInProject(projectId);
	}

	/**
	 * The next {@code size} tasks after {@code after} (from the start when null), in the
	 * order of creation; fewer than {@code size} on the last page.
	 */
	public List<TaskView> page(UUID projectId, @Nullable TaskView after, int size) {
		TaskCursor cursor = after == null ? null : TaskCursor.after(TaskSort.CREATED, after);
		return this.views.of(this.store.search(TaskSearch.ofProject(projectId, cursor, size)));
	}

}
