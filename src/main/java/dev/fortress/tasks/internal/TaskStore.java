package dev.fortress.tasks.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.fortress.tasks.api.Comment;

/**
 * Where tasks, their history and their comments live: a Strategy chosen by
 * {@code fortress.tasks.store} ({@code FORTRESS_TASK_STORE=jdbc|memory}). Business logic
 * receives it by constructor injection and never knows which one it has; one contract
 * test suite ({@code TaskStoreContract}) runs against every implementation.
 * <p>
 * Writes take part in the caller's transaction: the JDBC store through the connection,
 * the memory store by undoing its writes when the transaction rolls back.
 */
interface TaskStore {

	/** Stores a new task together with its first history entry. */
	void insert(Task task, TaskVersion created);

	Optional<Task> find(UUID id);

	/**
	 * Like {@link #find}, but holds the task against concurrent writers until the
	 * transaction ends where the store can (the JDBC store locks the row).
	 */
	Optional<Task> findForUpdate(UUID id);

	/**
	 * Replaces the stored task with {@code task} and appends {@code version} to its
	 * history, only if the stored version is still {@code expectedVersion}.
	 * @return false (and nothing written) if someone else changed or deleted it first
	 */
	boolean update(Task task, long expectedVersion, TaskVersion version);

	/** Deletes the task, its subtasks, history and comments. */
	void delete(UUID id);

	/** Deletes every task of a project (the project is being deleted). */
	void deleteProject(UUID projectId);

	/** The direct subtasks of a task, oldest first. */
	List<Task> children(UUID parentId);

	/**
	 * The page of tasks the search selects, in its sort order, at most
	 * {@link TaskSearch#fetch()} rows.
	 */
	List<Task> search(TaskSearch search);

	/**
	 * {@link #search}, each task with its comment count (what a list shows). By default a
	 * search and one {@link #commentCounts} for the page; the JDBC store reads both in
	 * the one statement, which saves the task list a round trip per page.
	 */
	default List<Listed> searchWithCommentCounts(TaskSearch search) {
		List<Task> tasks = search(search);
		Map<UUID, Integer> counts = tasks.isEmpty() ? Map.of() : commentCounts(tasks.stream().map(Task::id).toList());
		return tasks.stream().map(task -> new Listed(task, counts.getOrDefault(task.id(), 0))).toList();
	}

	/**
	 * A page of tasks per project, each task with its comment count: the search's
	 * filters, sort, position and page size applied to each of
	 * {@link TaskSearch#visibleProjects()} on its own, in that order. By default one
	 * search per project; the JDBC store reads every page in one statement.
	 */
	default List<Listed> searchPerProject(TaskSearch search) {
		if (search.visibleProjects() == null) {
			throw new IllegalArgumentException("A search per project needs the projects");
		}
		return search.visibleProjects()
			.stream()
			.flatMap(projectId -> searchWithCommentCounts(search.inProject(projectId)).stream())
			.toList();
	}

	/**
	 * The direct subtasks of many tasks, by parent, oldest first; a task without subtasks
	 * may be absent. By default one {@link #children} per task.
	 */
	default Map<UUID, List<Task>> childrenOf(Collection<UUID> parentIds) {
		Map<UUID, List<Task>> children = new LinkedHashMap<>();
		parentIds.forEach(id -> children.put(id, children(id)));
		return children;
	}

	/** How many tasks a project has (for export progress). */
	int countInProject(UUID projectId);

	/** The history of a task, oldest version first. */
	List<TaskVersion> versions(UUID taskId);

	Optional<TaskVersion> version(UUID taskId, long version);

	/**
	 * The histories of many tasks, by task, each oldest version first. By default one
	 * {@link #versions} per task.
	 */
	default Map<UUID, List<TaskVersion>> versionsOf(Collection<UUID> taskIds) {
		Map<UUID, List<TaskVersion>> versions = new LinkedHashMap<>();
		taskIds.forEach(id -> versions.put(id, versions(id)));
		return versions;
	}

	void addComment(Comment comment);

	/** Comments on a task, oldest first. */
	List<Comment> comments(UUID taskId);

	/**
	 * Comments on many tasks, by task, each oldest first; a task without comments may be
	 * absent. By default one {@link #comments} per task.
	 */
	default Map<UUID, List<Comment>> commentsOf(Collection<UUID> taskIds) {
		Map<UUID, List<Comment>> comments = new LinkedHashMap<>();
		taskIds.forEach(id -> comments.put(id, comments(id)));
		return comments;
	}

	/** The comment, held or not; empty if there is none. */
	Optional<Comment> comment(UUID commentId);

	/** Holds the comment (or releases it); false if there is none. */
	boolean holdComment(UUID commentId, boolean held);

	/** Deletes the comment; false if there was none. */
	boolean deleteComment(UUID commentId);

	/**
	 * Comment counts of many tasks at once, held comments left out (a count is what every
	 * reader of a list sees); tasks without comments are absent.
	 */
	Map<UUID, Integer> commentCounts(Collection<UUID> taskIds);

	/** A task of a list and how many comments it has. */
	record Listed(Task task, int comments) {
	}

}
