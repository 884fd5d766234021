package dev.fortress.tasks.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of one task list query, assembled from fixed fragments (one per filter the
 * caller gave) with every value bound as a parameter. Labels come in the same statement,
 * so the list costs one query however many rows it returns.
 */
final class TaskSearchSql {

	private final List<String> where = new ArrayList<>();

	private final Map<String, Object> params = new HashMap<>();

	private final String orderBy;

	TaskSearchSql(TaskSearch search) {
		if (search.visibleProjects() != null) {
			add("t.project_id = any(:visible)", "visible", search.visibleProjects().toArray(UUID[]::new));
		}
		if (search.projectId() != null) {
			add("t.project_id = :projectId", "projectId", search.projectId());
		}
		if (search.status() != null) {
			add("t.status = :status", "status", search.status().name());
		}
		if (search.priority() != null) {
			add("t.priority = :priority", "priority", search.priority().rank());
		}
		if (search.type() != null) {
			add("t.type = :type", "type", search.type().name());
		}
		if (search.categoryId() != null) {
			add("t.category_id = :categoryId", "categoryId", search.categoryId());
		}
		if (search.assigneeId() != null) {
			add("t.assignee_id = :assigneeId", "assigneeId", search.assigneeId());
		}
		if (search.label() != null) {
			add("exists (select 1 from task_labels fl where fl.task_id = t.id and fl.label = :label)", "label",
					search.label());
		}
		if (search.q() != null) {
			add("t.search @@ plainto_tsquery('simple', :q)", "q", search.q());
		}
		if (search.dueBefore() != null) {
			add("t.due_date < :dueBefore", "dueBefore", search.dueBefore());
		}
		this.orderBy = keyset(search);
		this.params.put("fetch", search.fetch());
	}

	private String keyset(TaskSearch search) {
		TaskCursor after = search.after();
		if (after != null) {
			this.params.put("afterId", after.id());
			this.params.put("afterCreated", Timestamp.from(after.createdAt()));
			this.params.put("afterPriority", after.priority());
			this.params.put("afterDue", after.dueKey());
		}
		return switch (search.sort()) {
			case CREATED -> {
				if (after != null) {
					this.where.add("(t.created_at, t.id) < (:afterCreated, :afterId)");
				}
				yield "t.created_at desc, t.id desc";
			}
			case PRIORITY -> {
				if (after != null) {
					this.where.add("(t.priority, t.created_at, t.id) < (:afterPriority, :afterCreated, :afterId)");
				}
				yield "t.priority desc, t.created_at desc, t.id desc";
			}
			case DUE_DATE -> {
				if (after != null) {
					this.where.add("(coalesce(t.due_date, date '9999-12-31'), t.id) > (:afterDue, :afterId)");
				}
				yield "coalesce(t.due_date, date '9999-12-31'), t.id";
			}
		};
	}

	private void add(String condition, String name, Object value) {
		this.where.add(condition);
		this.params.put(name, value);
	}

	String sql() {
		String filter = this.where.isEmpty() ? "" : " where " + String.join(" and ", this.where);
		return "select " + TaskRows.COLUMNS + " from tasks t" + filter + " order by " + this.orderBy + " limit :fetch";
	}

	Map<String, Object> params() {
		return this.params;
	}

}
