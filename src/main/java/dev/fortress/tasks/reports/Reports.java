package dev.fortress.tasks.reports;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.reports.SummaryReport.CategoryCounts;
import dev.fortress.tasks.reports.SummaryReport.Counts;
import dev.fortress.tasks.reports.SummaryReport.RankedTask;
import dev.fortress.tasks.reports.SummaryReport.StatusCounts;
import dev.fortress.tasks.reports.SummaryReport.TrendDay;

/** The report queries. Each is one statement; the database does the arithmetic. */
@Repository
class Reports {

	private final JdbcClient jdbc;

	Reports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Counts per category by priority and by status, built up through CTEs. */
	List<CategoryCounts> categoryCounts(UUID projectId) {
		return this.jdbc.sql("""
				with project_tasks as (
				    select category_id, priority, status from tasks where project_id = :projectId
				), per_category as (
				    select category_id,
				           count(*) as total,
				           count(*) filter (where priority = 1) as low,
				           count(*) filter (where priority = 2) as medium,
				           count(*) filter (where priority = 3) as high,
				           count(*) filter (where priority = 4) as urgent,
				           count(*) filter (where status = 'TODO') as todo,
				           count(*) filter (where status = 'IN_PROGRESS') as in_progress,
				           count(*) filter (where status = 'BLOCKED') as blocked,
				           count(*) filter (where status = 'DONE') as done
				    from project_tasks
				    group by category_id
				)
				select pc.*, c.name
				from per_category pc
				left join categories c on c.id = pc.category_id
				order by c.name is null, lower(c.name), pc.category_id
				""")
			.param("projectId", projectId)
			.query((rs, n) -> new CategoryCounts(rs.getObject("category_id", UUID.class), rs.getString("name"),
					rs.getInt("total"),
					new Counts(rs.getInt("low"), rs.getInt("medium"), rs.getInt("high"), rs.getInt("urgent")),
					new StatusCounts(rs.getInt("todo"), rs.getInt("in_progress"), rs.getInt("blocked"),
							rs.getInt("done"))))
			.list();
	}

	/**
	 * Open tasks ranked within their category: priority first, then the earliest due
	 * date.
	 */
	List<RankedTask> ranking(UUID projectId, int top) {
		return this.jdbc.sql("""
				select category_id, id, title, priority, due_date, task_rank
				from (
				    select t.category_id, t.id, t.title, t.priority, t.due_date,
				           rank() over (partition by t.category_id
				                        order by t.priority desc, coalesce(t.due_date, date '9999-12-31')) as task_rank
				    from tasks t
				    where t.project_id = :projectId and t.status <> 'DONE'
				) ranked
				where task_rank <= :top
				order by category_id nulls last, task_rank, title, id
				""")
			.param("projectId", projectId)
			.param("top", top)
			.query((rs, n) -> new RankedTask(rs.getObject("category_id", UUID.class), rs.getObject("id", UUID.class),
					rs.getString("title"), Priority.ofRank(rs.getInt("priority")).name(),
					rs.getObject("due_date", LocalDate.class), rs.getInt("task_rank")))
			.list();
	}

	/**
	 * Completions per UTC day from {@code from} to {@code to} inclusive, every day
	 * present (zero when nothing was finished), with LAG giving the change against the
	 * day before.
	 */
	List<TrendDay> trend(UUID projectId, LocalDate from, LocalDate to) {
		return this.jdbc
			.sql("""
					with days as (
					    select cast(d as date) as day
					    from generate_series(cast(:from as date), cast(:to as date), interval '1 day') d
					), completed as (
					    select cast(completed_at at time zone 'UTC' as date) as day, count(*) as n
					    from tasks
					    where project_id = :projectId and completed_at >= :fromTs and completed_at < :toTs
					    group by 1
					)
					select days.day, cast(coalesce(completed.n, 0) as integer) as completed,
					       cast(coalesce(completed.n, 0) - lag(coalesce(completed.n, 0)) over (order by days.day) as integer) as change
					from days
					left join completed on completed.day = days.day
					order by days.day
					""")
			.param("projectId", projectId)
			.param("from", from)
			.param("to", to)
			.param("fromTs", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("toTs", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query((rs, n) -> new TrendDay(rs.getObject("day", LocalDate.class), rs.getInt("completed"),
					rs.getObject("change", Integer.class)))
			.list();
	}

}
