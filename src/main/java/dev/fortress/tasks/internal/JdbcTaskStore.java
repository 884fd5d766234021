package dev.fortress.tasks.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fortress.tasks.api.Comment;
import dev.fortress.tasks.api.TaskHistoryEntry.Action;
import dev.fortress.tasks.api.TaskHistoryEntry.Change;

/**
 * The task store on PostgreSQL (the default). All SQL is here and visible; list queries
 * are assembled by {@link TaskSearchSql} from fixed fragments with bound parameters.
 */
class JdbcTaskStore implements TaskStore {

	private static final TypeReference<Map<String, Change>> CHANGES = new TypeReference<>() {
	};

	private static final RowMapper<Comment> COMMENT = (rs, n) -> new Comment(rs.getObject("id", UUID.class),
			rs.getObject("task_id", UUID.class), rs.getObject("author_id", UUID.class), rs.getString("body"),
			rs.getTimestamp("created_at").toInstant(), rs.getBoolean("held") ? Comment.HELD : null);

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	JdbcTaskStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(Task task, TaskVersion created) {
		TaskState s = task.state();
		this.jdbc.sql("""
				insert into tasks (id, project_id, type, title, description, priority, status, category_id, assignee_id,
				                   due_date, parent_id, severity, story_points, version, created_by, created_at,
				                   updated_at, completed_at)
				values (:id, :projectId, :type, :title, :description, :priority, :status, :categoryId, :assigneeId,
				        :dueDate, :parentId, :severity, :storyPoints, :version, :createdBy, :createdAt,
				        :updatedAt, :completedAt)
				""")
			.param("id", task.id())
			.param("type", task.type().name())
			.param("createdBy", task.createdBy())
			.param("createdAt", Timestamp.from(task.createdAt()))
			.params(stateParams(task))
			.update();
		insertLabels(task);
		appendVersion(created);
	}

	@Override
	public Optional<Task> find(UUID id) {
		return this.jdbc.sql("select " + TaskRows.COLUMNS + " from tasks t where t.id = :id")
			.param("id", id)
			.query(TaskRows.MAPPER)
			.optional();
	}

	/**
	 * Locks the row first and reads it in a second statement. One "select ... for update"
	 * is not enough: after waiting for a concurrent writer, PostgreSQL re-reads the
	 * locked row but the labels subquery still sees the statement's older snapshot, and a
	 * stale label set would be written back (a lost update the concurrency test caught).
	 */
	@Override
	public Optional<Task> findForUpdate(UUID id) {
		boolean exists = this.jdbc.sql("select id from tasks where id = :id for update")
			.param("id", id)
			.query(UUID.class)
			.optional()
			.isPresent();
		return exists ? find(id) : Optional.empty();
	}

	@Override
	public boolean update(Task task, long expectedVersion, TaskVersion version) {
		int updated = this.jdbc.sql("""
				update tasks set project_id = :projectId, title = :title, description = :description,
				       priority = :priority, status = :status, category_id = :categoryId, assignee_id = :assigneeId,
				       due_date = :dueDate, parent_id = :parentId, severity = :severity, story_points = :storyPoints,
				       version = :version, updated_at = :updatedAt, completed_at = :completedAt
				where id = :id and version = :expected
				""").param("id", task.id()).param("expected", expectedVersion).params(stateParams(task)).update();
		if (updated == 0) {
			return false;
		}
		this.jdbc.sql("delete from task_labels where task_id = :id").param("id", task.id()).update();
		insertLabels(task);
		appendVersion(version);
		return true;
	}

	@Override
	public void delete(UUID id) {
		// subtasks, labels, comments and history go with it (on delete cascade)
		this.jdbc.sql("delete from tasks where id = :id").param("id", id).update();
	}

	@Override
	public void deleteProject(UUID projectId) {
		this.jdbc.sql("delete from tasks where project_id = :projectId").param("projectId", projectId).update();
	}

	@Override
	public List<Task> children(UUID parentId) {
		return this.jdbc
			.sql("select " + TaskRows.COLUMNS
					+ " from tasks t where t.parent_id = :parentId order by t.created_at, t.id")
			.param("parentId", parentId)
			.query(TaskRows.MAPPER)
			.list();
	}

	@Override
	public List<Task> search(TaskSearch search) {
		TaskSearchSql sql = new TaskSearchSql(search);
		return this.jdbc.sql(sql.sql()).params(sql.params()).query(TaskRows.MAPPER).list();
	}

	@Override
	public List<Listed> searchWithCommentCounts(TaskSearch search) {
		TaskSearchSql sql = new TaskSearchSql(search);
		return this.jdbc.sql(sql.sqlWithCommentCounts())
			.params(sql.params())
			.query((rs, row) -> new Listed(TaskRows.MAPPER.mapRow(rs, row), rs.getInt("comment_count")))
			.list();
	}

	@Override
	public List<Listed> searchPerProject(TaskSearch search) {
		if (search.visibleProjects() == null) {
			throw new IllegalArgumentException("A search per project needs the projects");
		}
		TaskSearchSql sql = new TaskSearchSql(search);
		return this.jdbc.sql(sql.sqlPerProjectWithCommentCounts())
			.params(sql.params())
			.query((rs, row) -> new Listed(TaskRows.MAPPER.mapRow(rs, row), rs.getInt("comment_count")))
			.list();
	}

	@Override
	public Map<UUID, List<Task>> childrenOf(Collection<UUID> parentIds) {
		Map<UUID, List<Task>> children = new HashMap<>();
		if (parentIds.isEmpty()) {
			return children;
		}
		this.jdbc
			.sql("select " + TaskRows.COLUMNS
					+ " from tasks t where t.parent_id = any(:ids) order by t.created_at, t.id")
			.param("ids", parentIds.toArray(UUID[]::new))
			.query(TaskRows.MAPPER)
			.list()
			.forEach(task -> children.computeIfAbsent(task.state().parentId(), id -> new ArrayList<>()).add(task));
		return children;
	}

	@Override
	public int countInProject(UUID projectId) {
		return this.jdbc.sql("select count(*) from tasks where project_id = :projectId")
			.param("projectId", projectId)
			.query(Integer.class)
			.single();
	}

	@Override
	public List<TaskVersion> versions(UUID taskId) {
		return this.jdbc.sql("""
				select task_id, version, action, changed_by, changed_at, changes::text as changes, state::text as state
				from task_versions where task_id = :taskId order by version
				""").param("taskId", taskId).query((rs, n) -> versionOf(rs)).list();
	}

	@Override
	public Optional<TaskVersion> version(UUID taskId, long version) {
		return this.jdbc.sql("""
				select task_id, version, action, changed_by, changed_at, changes::text as changes, state::text as state
				from task_versions where task_id = :taskId and version = :version
				""").param("taskId", taskId).param("version", version).query((rs, n) -> versionOf(rs)).optional();
	}

	@Override
	public Map<UUID, List<TaskVersion>> versionsOf(Collection<UUID> taskIds) {
		Map<UUID, List<TaskVersion>> versions = new HashMap<>();
		if (taskIds.isEmpty()) {
			return versions;
		}
		this.jdbc.sql("""
				select task_id, version, action, changed_by, changed_at, changes::text as changes, state::text as state
				from task_versions where task_id = any(:ids) order by task_id, version
				""")
			.param("ids", taskIds.toArray(UUID[]::new))
			.query((rs, n) -> versionOf(rs))
			.list()
			.forEach(version -> versions.computeIfAbsent(version.taskId(), id -> new ArrayList<>()).add(version));
		return versions;
	}

	@Override
	public void addComment(Comment comment) {
		this.jdbc.sql("""
				insert into task_comments (id, task_id, author_id, body, created_at, held)
				values (:id, :taskId, :authorId, :body, :createdAt, :held)
				""")
			.param("held", comment.held())
			.param("id", comment.id())
			.param("taskId", comment.taskId())
			.param("authorId", comment.authorId())
			.param("body", comment.body())
			.param("createdAt", Timestamp.from(comment.createdAt()))
			.update();
	}

	@Override
	public List<Comment> comments(UUID taskId) {
		return this.jdbc.sql("""
				select id, task_id, author_id, body, created_at, held from task_comments
				where task_id = :taskId order by created_at, id
				""").param("taskId", taskId).query(COMMENT).list();
	}

	@Override
	public Map<UUID, List<Comment>> commentsOf(Collection<UUID> taskIds) {
		Map<UUID, List<Comment>> comments = new HashMap<>();
		if (taskIds.isEmpty()) {
			return comments;
		}
		this.jdbc.sql("""
				select id, task_id, author_id, body, created_at, held from task_comments
				where task_id = any(:ids) order by created_at, id
				""")
			.param("ids", taskIds.toArray(UUID[]::new))
			.query(COMMENT)
			.list()
			.forEach(comment -> comments.computeIfAbsent(comment.taskId(), id -> new ArrayList<>()).add(comment));
		return comments;
	}

	@Override
	public Optional<Comment> comment(UUID commentId) {
		return this.jdbc.sql("select id, task_id, author_id, body, created_at, held from task_comments where id = :id")
			.param("id", commentId)
			.query(COMMENT)
			.optional();
	}

	@Override
	public boolean holdComment(UUID commentId, boolean held) {
		return this.jdbc.sql("update task_comments set held = :held where id = :id")
			.param("id", commentId)
			.param("held", held)
			.update() == 1;
	}

	@Override
	public boolean deleteComment(UUID commentId) {
		return this.jdbc.sql("delete from task_comments where id = :id").param("id", commentId).update() == 1;
	}

	@Override
	public Map<UUID, Integer> commentCounts(Collection<UUID> taskIds) {
		Map<UUID, Integer> counts = new HashMap<>();
		if (taskIds.isEmpty()) {
			return counts;
		}
		this.jdbc.sql("""
				select task_id, count(*) as comments from task_comments
				where task_id = any(:ids) and not held group by task_id
				""")
			.param("ids", taskIds.toArray(UUID[]::new))
			.query((rs, n) -> counts.put(rs.getObject("task_id", UUID.class), rs.getInt("comments")))
			.list();
		return counts;
	}

	private Map<String, Object> stateParams(Task task) {
		TaskState s = task.state();
		Map<String, Object> params = new HashMap<>();
		params.put("projectId", s.projectId());
		params.put("title", s.title());
		params.put("description", s.description());
		params.put("priority", s.priority().rank());
		params.put("status", s.status().name());
		params.put("categoryId", s.categoryId());
		params.put("assigneeId", s.assigneeId());
		params.put("dueDate", s.dueDate());
		params.put("parentId", s.parentId());
		params.put("severity", s.severity() == null ? null : s.severity().name());
		params.put("storyPoints", s.storyPoints());
		params.put("version", task.version());
		params.put("updatedAt", Timestamp.from(task.updatedAt()));
		params.put("completedAt", TaskRows.timestamp(task.completedAt()));
		return params;
	}

	private void insertLabels(Task task) {
		if (task.state().labels().isEmpty()) {
			return;
		}
		this.jdbc.sql("insert into task_labels (task_id, label) select :id, unnest(cast(:labels as text[]))")
			.param("id", task.id())
			.param("labels", task.state().labels().toArray(String[]::new))
			.update();
	}

	private void appendVersion(TaskVersion version) {
		this.jdbc
			.sql("""
					insert into task_versions (task_id, version, action, changed_by, changed_at, changes, state)
					values (:taskId, :version, :action, :changedBy, :changedAt, cast(:changes as jsonb), cast(:state as jsonb))
					""")
			.param("taskId", version.taskId())
			.param("version", version.version())
			.param("action", version.action().name())
			.param("changedBy", version.changedBy())
			.param("changedAt", Timestamp.from(version.changedAt()))
			.param("changes", this.json.writeValueAsString(version.changes()))
			.param("state", this.json.writeValueAsString(version.state()))
			.update();
	}

	private TaskVersion versionOf(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new TaskVersion(rs.getObject("task_id", UUID.class), rs.getLong("version"),
				Action.valueOf(rs.getString("action")), rs.getObject("changed_by", UUID.class),
				rs.getTimestamp("changed_at").toInstant(), this.json.readValue(rs.getString("changes"), CHANGES),
				this.json.readValue(rs.getString("state"), TaskState.class));
	}

}
