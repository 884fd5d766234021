package dev.fortress.tasks.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.fortress.tasks.api.Comment;

/**
 * The task store in memory ({@code FORTRESS_TASK_STORE=memory}): for demos and fast
 * tests; nothing survives a restart. One lock guards all maps. Inside a Spring
 * transaction every write is recorded in a {@link MemoryUndoLog} and undone if the
 * transaction rolls back, so multi-step use cases (a move) stay all or nothing here too.
 */
class MemoryTaskStore implements TaskStore {

	private final Map<UUID, Task> tasks = new HashMap<>();

	private final Map<UUID, List<TaskVersion>> versions = new HashMap<>();

	private final Map<UUID, List<Comment>> comments = new HashMap<>();

	private final Object lock = new Object();

	/**
	 * The projects a member belongs to, for a search by member: memberships are not tasks
	 * and live in {@code project_members} whichever task store is chosen.
	 */
	private final Function<UUID, Set<UUID>> projectsOf;

	/** A store for tests that search by project: every member sees no project. */
	MemoryTaskStore() {
		this(member -> Set.of());
	}

	MemoryTaskStore(Function<UUID, Set<UUID>> projectsOf) {
		this.projectsOf = projectsOf;
	}

	@Override
	public void insert(Task task, TaskVersion created) {
		synchronized (this.lock) {
			if (this.tasks.containsKey(task.id())) {
				throw new IllegalStateException("Task " + task.id() + " exists");
			}
			put(this.tasks, task.id(), task);
			put(this.versions, task.id(), List.of(created));
		}
	}

	@Override
	public Optional<Task> find(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.tasks.get(id));
		}
	}

	@Override
	public Optional<Task> findForUpdate(UUID id) {
		// no row locks here: update() compares versions and the caller retries
		return find(id);
	}

	@Override
	public boolean update(Task task, long expectedVersion, TaskVersion version) {
		synchronized (this.lock) {
			Task current = this.tasks.get(task.id());
			if (current == null || current.version() != expectedVersion) {
				return false;
			}
			put(this.tasks, task.id(), task);
			List<TaskVersion> history = new ArrayList<>(this.versions.getOrDefault(task.id(), List.of()));
			history.add(version);
			put(this.versions, task.id(), List.copyOf(history));
			return true;
		}
	}

	@Override
	public void delete(UUID id) {
		synchronized (this.lock) {
			for (Task child : children(id)) {
				delete(child.id());
			}
			put(this.tasks, id, null);
			put(this.versions, id, null);
			put(this.comments, id, null);
		}
	}

	@Override
	public void deleteProject(UUID projectId) {
		synchronized (this.lock) {
			matching(task -> task.projectId().equals(projectId)).forEach(task -> delete(task.id()));
		}
	}

	@Override
	public List<Task> children(UUID parentId) {
		synchronized (this.lock) {
			List<Task> children = matching(task -> parentId.equals(task.state().parentId()));
			children
				.sort(Comparator.comparing(Task::createdAt).thenComparing(Task::id, MemoryTaskSearch::compareUuids));
			return children;
		}
	}

	@Override
	public List<Task> search(TaskSearch search) {
		synchronized (this.lock) {
			return new MemoryTaskSearch(byProjects(search)).apply(this.tasks.values());
		}
	}

	private TaskSearch byProjects(TaskSearch search) {
		UUID member = search.member();
		if (member == null) {
			return search;
		}
		return new TaskSearch(this.projectsOf.apply(member), search.projectId(), search.status(), search.priority(),
				search.type(), search.categoryId(), search.assigneeId(), search.label(), search.q(), search.dueBefore(),
				search.sort(), search.after(), search.fetch());
	}

	@Override
	public int countInProject(UUID projectId) {
		synchronized (this.lock) {
			return matching(task -> task.projectId().equals(projectId)).size();
		}
	}

	@Override
	public List<TaskVersion> versions(UUID taskId) {
		synchronized (this.lock) {
			return this.versions.getOrDefault(taskId, List.of());
		}
	}

	@Override
	public Optional<TaskVersion> version(UUID taskId, long version) {
		return versions(taskId).stream().filter(entry -> entry.version() == version).findFirst();
	}

	@Override
	public void addComment(Comment comment) {
		synchronized (this.lock) {
			if (!this.tasks.containsKey(comment.taskId())) {
				throw new IllegalStateException("No task " + comment.taskId());
			}
			List<Comment> list = new ArrayList<>(this.comments.getOrDefault(comment.taskId(), List.of()));
			list.add(comment);
			put(this.comments, comment.taskId(), List.copyOf(list));
		}
	}

	@Override
	public List<Comment> comments(UUID taskId) {
		synchronized (this.lock) {
			List<Comment> list = new ArrayList<>(this.comments.getOrDefault(taskId, List.of()));
			list.sort(Comparator.comparing(Comment::createdAt)
				.thenComparing(Comment::id, MemoryTaskSearch::compareUuids));
			return list;
		}
	}

	@Override
	public Optional<Comment> comment(UUID commentId) {
		synchronized (this.lock) {
			return this.comments.values()
				.stream()
				.flatMap(List::stream)
				.filter(c -> c.id().equals(commentId))
				.findFirst();
		}
	}

	@Override
	public boolean holdComment(UUID commentId, boolean held) {
		return replaceComment(commentId, comment -> comment.withHeld(held));
	}

	@Override
	public boolean deleteComment(UUID commentId) {
		return replaceComment(commentId, comment -> null);
	}

	/** Replaces the comment by what the change makes of it (null: nothing). */
	private boolean replaceComment(UUID commentId, java.util.function.UnaryOperator<Comment> change) {
		synchronized (this.lock) {
			Optional<Comment> found = comment(commentId);
			if (found.isEmpty()) {
				return false;
			}
			List<Comment> list = new ArrayList<>();
			for (Comment comment : this.comments.get(found.get().taskId())) {
				Comment changed = comment.id().equals(commentId) ? change.apply(comment) : comment;
				if (changed != null) {
					list.add(changed);
				}
			}
			put(this.comments, found.get().taskId(), List.copyOf(list));
			return true;
		}
	}

	@Override
	public Map<UUID, Integer> commentCounts(Collection<UUID> taskIds) {
		synchronized (this.lock) {
			Map<UUID, Integer> counts = new HashMap<>();
			for (UUID id : new HashSet<>(taskIds)) {
				int count = (int) this.comments.getOrDefault(id, List.of()).stream().filter(c -> !c.held()).count();
				if (count > 0) {
					counts.put(id, count);
				}
			}
			return counts;
		}
	}

	private List<Task> matching(Predicate<Task> predicate) {
		return new ArrayList<>(this.tasks.values().stream().filter(predicate).toList());
	}

	/** Writes (or with null removes) an entry, remembering the old value for rollback. */
	private <V> void put(Map<UUID, V> map, UUID key, V value) {
		MemoryUndoLog.current(this.lock).remember(map, key, map.get(key));
		if (value == null) {
			map.remove(key);
		}
		else {
			map.put(key, value);
		}
	}

}
