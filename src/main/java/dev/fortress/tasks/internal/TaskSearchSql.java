package dev.fortress.tasks.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The SQL of one task list query, assembled from fixed fragments (one per filter the
 * caller gave) with every value bound as a parameter. Labels come in the same statement,
 * so the list costs one query however many rows it returns.
 */
final class TaskSearchSql {

	private final List<String> where = new ArrayList<>();

	private final Map<String, Object> params = new HashMap<>();

	private final String orderBy;

	/**
	 * Where the projects of a page read project by project come from: {@code null} (one
	 * statement over {@code tasks}), the bound array of visible projects, or the caller's
	 * rows in {@code project_members}; see {@link #sql()}.
	 */
	private final @Nullable String projects;

	TaskSearchSql(TaskSearch search) {
		Set<UUID> visible = search.visibleProjects();
		UUID member = search.member();
		if (member != null && visible != null) {
			throw new IllegalArgumentException("Visible projects are given by a set or by a member, not both");
		}
		if (member != null) {
			// the membership look-up is part of the page's statement: a round trip less
			// per page, and the projects are read exactly as for a given set of them
			this.projects = "project_members v";
			this.where.add("t.project_id = v.project_id");
			this.params.put("member", member);
		}
		else if (visible != null && visible.size() > 1) {
			this.projects = "unnest(cast(:visible as uuid[])) as v(project_id)";
			this.where.add("t.project_id = v.project_id");
			this.params.put("visible", visible.toArray(UUID[]::new));
		}
		else {
			this.projects = null;
			if (visible != null && visible.size() == 1) {
				// an equality, not "= any(array)": only then does the planner walk the
				// (project, sort key) index in order and stop after one page
				add("t.project_id = :visible", "visible", visible.iterator().next());
			}
			else if (visible != null) {
				this.where.add("false");
			}
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

	/**
	 * One statement. For a member of several projects it reads at most one page from each
	 * of them, each an ordered walk of that project's index that stops after the page (a
	 * {@code lateral} subquery per project), and merges those pages: with
	 * {@code project_id = any(:visible)} instead, PostgreSQL reads and sorts every task
	 * of every visible project to return one page (100,000 rows for a page of 50). A
	 * search by member drives the same lateral subquery from the member's rows of
	 * {@code project_members}, whatever their number (none: an empty page).
	 */
	String sql() {
		return sql(TaskRows.COLUMNS);
	}

	/**
	 * {@link #sql()} with each task's comment count as {@code comment_count}: one index
	 * probe per returned row, instead of a second statement for the page.
	 */
	String sqlWithCommentCounts() {
		return sql(TaskRows.COLUMNS
				+ ", (select count(*) from task_comments c where c.task_id = t.id and not c.held) as comment_count");
	}

	/**
	 * {@link #sqlWithCommentCounts()} with a page per project instead of one merged page:
	 * the same lateral subquery per visible project, whose pages are returned whole,
	 * project by project, each in the sort order.
	 */
	String sqlPerProjectWithCommentCounts() {
		return sql(TaskRows.COLUMNS
				+ ", (select count(*) from task_comments c where c.task_id = t.id and not c.held) as comment_count",
				true);
	}

	private String sql(String columns) {
		return sql(columns, false);
	}

	private String sql(String columns, boolean perProject) {
		String filter = this.where.isEmpty() ? "" : " where " + String.join(" and ", this.where);
		String order = " order by " + this.orderBy + " limit :fetch";
		if (this.projects == null) {
			return "select " + columns + " from tasks t" + filter + order;
		}
		String members = this.params.containsKey("member") ? " where v.user_id = :member" : "";
		String outer = perProject ? " order by t.project_id, " + this.orderBy : order;
		return "select " + columns + " from " + this.projects + " cross join lateral (select " + TaskRows.OWN_COLUMNS
				+ " from tasks t" + filter + order + ") t" + members + outer;
	}

	Map<String, Object> params() {
		return this.params;
	}

}
