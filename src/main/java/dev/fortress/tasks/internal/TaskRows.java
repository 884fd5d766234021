package dev.fortress.tasks.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;

import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.Severity;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;

/** How a task row (with its labels aggregated into an array) becomes a {@link Task}. */
final class TaskRows {

	/**
	 * The task's own columns (not its generated search vector), for a subquery whose rows
	 * are then read with {@link #COLUMNS}.
	 */
	static final String OWN_COLUMNS = """
			t.id, t.type, t.project_id, t.title, t.description, t.priority, t.status, t.category_id,
			t.assignee_id, t.due_date, t.parent_id, t.severity, t.story_points, t.version, t.created_by,
			t.created_at, t.updated_at, t.completed_at
			""";

	/**
	 * Every task query selects exactly these columns; labels come along in the same
	 * statement.
	 */
	static final String COLUMNS = OWN_COLUMNS.strip() + """
			,
			array(select l.label from task_labels l where l.task_id = t.id order by l.label) as labels
			""";

	static final RowMapper<Task> MAPPER = TaskRows::map;

	private TaskRows() {
	}

	private static Task map(ResultSet rs, int row) throws SQLException {
		String severity = rs.getString("severity");
		Integer points = rs.getObject("story_points", Integer.class);
		LocalDate due = rs.getObject("due_date", LocalDate.class);
		TaskState state = new TaskState(rs.getObject("project_id", UUID.class), rs.getString("title"),
				rs.getString("description"), Priority.ofRank(rs.getInt("priority")),
				TaskStatus.valueOf(rs.getString("status")), rs.getObject("category_id", UUID.class),
				rs.getObject("assignee_id", UUID.class), labels(rs.getArray("labels")), due,
				rs.getObject("parent_id", UUID.class), severity == null ? null : Severity.valueOf(severity), points);
		return new Task(rs.getObject("id", UUID.class), TaskType.valueOf(rs.getString("type")), state,
				rs.getLong("version"), rs.getObject("created_by", UUID.class), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), nullableInstant(rs.getTimestamp("completed_at")));
	}

	private static List<String> labels(Array array) throws SQLException {
		return List.of((String[]) array.getArray());
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

	private static @Nullable Instant nullableInstant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
