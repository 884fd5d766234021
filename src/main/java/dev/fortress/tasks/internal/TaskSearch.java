package dev.fortress.tasks.internal;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.TaskSort;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;

/**
 * A task list query as the store sees it: restricted to the projects the caller may see,
 * given either as a set ({@code visibleProjects}) or as the member whose projects they
 * are ({@code member}, which the store resolves in the same statement as the page); both
 * {@code null} = all, for admins. Then the optional filters, the sort, the position and
 * how many rows to fetch (page size + 1, to know whether there is more).
 */
record TaskSearch(@Nullable Set<UUID> visibleProjects, @Nullable UUID projectId, @Nullable TaskStatus status,
		@Nullable Priority priority, @Nullable TaskType type, @Nullable UUID categoryId, @Nullable UUID assigneeId,
		@Nullable String label, @Nullable String q, @Nullable LocalDate dueBefore, TaskSort sort,
		@Nullable TaskCursor after, int fetch, @Nullable UUID member) {

	TaskSearch(@Nullable Set<UUID> visibleProjects, @Nullable UUID projectId, @Nullable TaskStatus status,
			@Nullable Priority priority, @Nullable TaskType type, @Nullable UUID categoryId, @Nullable UUID assigneeId,
			@Nullable String label, @Nullable String q, @Nullable LocalDate dueBefore, TaskSort sort,
			@Nullable TaskCursor after, int fetch) {
		this(visibleProjects, projectId, status, priority, type, categoryId, assigneeId, label, q, dueBefore, sort,
				after, fetch, null);
	}

	/** The same search restricted to one project (one page of a per-project search). */
	TaskSearch inProject(UUID project) {
		return new TaskSearch(Set.of(project), this.projectId, this.status, this.priority, this.type, this.categoryId,
				this.assigneeId, this.label, this.q, this.dueBefore, this.sort, this.after, this.fetch, null);
	}

	/** All tasks of one project in creation order, for exports. */
	static TaskSearch ofProject(UUID projectId, @Nullable TaskCursor after, int fetch) {
		return new TaskSearch(null, projectId, null, null, null, null, null, null, null, null, TaskSort.CREATED, after,
				fetch);
	}

}
