package dev.fortress.tasks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.support.IntegrationTest;
import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.TaskSort;
import dev.fortress.tasks.api.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The most common task queries use their indexes on a realistically sized table: 50,000
 * tasks in 200 projects, statistics analysed. Each query is the exact SQL the store sends
 * (built by {@link TaskSearchSql}). The plans with and without the indexes are written to
 * target/query-plans.md (the source of docs/database.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskQueryPlanTests extends IntegrationTest {

	private static final int TASKS = 50_000;

	private UUID project;

	private UUID assignee;

	private UUID category;

	private final Map<String, String> report = new LinkedHashMap<>();

	private void insertTasksOnce() {
		if (this.project != null) {
			return;
		}
		String tag = UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.sql("""
				insert into users (id, email, display_name, password_hash, role, created_at, updated_at)
				select gen_random_uuid(), 'plan-' || :tag || '-' || g || '@example.com', 'Plan ' || g, 'x', 'EDITOR',
				       now(), now()
				from generate_series(1, 20) g
				""").param("tag", tag).update();
		List<UUID> users = this.jdbc.sql("select id from users where email like :pattern order by email")
			.param("pattern", "plan-" + tag + "-%")
			.query(UUID.class)
			.list();
		this.assignee = users.get(0);
		this.jdbc.sql("""
				insert into projects (id, name, created_by, created_at, updated_at)
				select gen_random_uuid(), 'plan-' || :tag || '-' || g, :creator, now(), now()
				from generate_series(1, 200) g
				""").param("tag", tag).param("creator", this.assignee).update();
		this.jdbc.sql("""
				insert into categories (id, project_id, name, created_at)
				select gen_random_uuid(), p.id, 'cat-' || c, now()
				from projects p, generate_series(1, 5) c where p.name like :pattern
				""").param("pattern", "plan-" + tag + "-%").update();
		// each task: one of 200 projects, one of its 5 categories, 1 in 4 statuses,
		// priorities 1-4, half assigned (to 20 users), spread over the last year
		this.jdbc.sql("""
				with p as (select id, row_number() over (order by id) - 1 as n from projects where name like :pattern),
				     c as (select id, project_id, row_number() over (partition by project_id order by id) - 1 as n
				           from categories),
				     u as (select id, row_number() over (order by id) - 1 as n from users where email like :pattern)
				insert into tasks (id, project_id, type, title, description, priority, status, category_id,
				                   assignee_id, due_date, version, created_by, created_at, updated_at)
				select gen_random_uuid(), p.id, 'TASK',
				       'Task ' || g || ' ' || (array['alpha','bravo','charlie','delta','echo'])[1 + g % 5],
				       'Seeded ' || (array['invoice','login','report','search','export','deploy','backup'])[1 + g % 7],
				       1 + g % 4, (array['TODO','IN_PROGRESS','BLOCKED','DONE'])[1 + (g / 4) % 4], c.id,
				       case when g % 2 = 0 then u.id end, date '2030-01-01' + g % 365, 1, :creator,
				       now() - g * interval '10 minutes', now()
				from generate_series(1, :tasks) g
				join p on p.n = g % 200
				join c on c.project_id = p.id and c.n = (g / 200) % 5
				join u on u.n = (g / 2) % 20
				""")
			.param("pattern", "plan-" + tag + "-%")
			.param("creator", this.assignee)
			.param("tasks", TASKS)
			.update();
		// a third of the tasks carry one or two labels
		this.jdbc.sql("""
				insert into task_labels (task_id, label)
				select t.id, l from tasks t join projects p on p.id = t.project_id and p.name like :pattern,
				       unnest(array['ops', 'ui']) l
				where get_byte(uuid_send(t.id), 15) % 3 = 0
				""").param("pattern", "plan-" + tag + "-%").update();
		this.jdbc.sql("analyze tasks").update();
		this.jdbc.sql("analyze task_labels").update();
		this.project = this.jdbc.sql("select id from projects where name = :name")
			.param("name", "plan-" + tag + "-1")
			.query(UUID.class)
			.single();
		this.category = this.jdbc.sql("select id from categories where project_id = :p order by name limit 1")
			.param("p", this.project)
			.query(UUID.class)
			.single();
	}

	@Test
	void theCommonQueriesUseTheirIndexesOnFiftyThousandTasks() throws IOException {
		insertTasksOnce();
		assertThat(this.jdbc.sql("select count(*) from tasks").query(Long.class).single())
			.isGreaterThanOrEqualTo(TASKS);
		Map<String, TaskSearch> queries = new LinkedHashMap<>();
		queries.put("1. A project's board, newest first (GET /tasks?projectId=)", new TaskSearch(null, this.project,
				null, null, null, null, null, null, null, null, TaskSort.CREATED, null, 51));
		queries.put("2. Board filtered by status and priority (…&status=TODO&priority=URGENT)",
				new TaskSearch(null, this.project, TaskStatus.TODO, Priority.URGENT, null, null, null, null, null, null,
						TaskSort.CREATED, null, 51));
		queries.put("3. My tasks across all projects (GET /tasks?assigneeId=)", new TaskSearch(null, null, null, null,
				null, null, this.assignee, null, null, null, TaskSort.CREATED, null, 51));
		queries.put("4. A category's urgent work (…&categoryId=&priority=URGENT)", new TaskSearch(null, null, null,
				Priority.URGENT, null, this.category, null, null, null, null, TaskSort.CREATED, null, 51));
		queries.put("5. Full-text search (GET /tasks?q=invoice)", new TaskSearch(null, null, null, null, null, null,
				null, null, "invoice charlie", null, TaskSort.CREATED, null, 51));
		Map<String, String> expectedIndex = Map.of("1", "tasks_project_created_idx", "2",
				"tasks_project_status_priority_idx", "3", "tasks_assignee_idx", "4", "tasks_category_priority_idx", "5",
				"tasks_search_idx");

		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, TaskSearch> query : queries.entrySet()) {
			String plan = explain(new TaskSearchSql(query.getValue()));
			String index = expectedIndex.get(query.getKey().substring(0, 1));
			this.report.put(query.getKey() + " — with indexes", plan);
			if (!plan.contains(index) || plan.contains("Seq Scan on tasks")) {
				failures.add(query.getKey() + " does not use " + index + ":\n" + plan);
			}
		}
		// the report's per-category counts (its CTE's base) read only covered columns
		this.jdbc.sql("vacuum analyze tasks").update();
		String covered = String.join("\n",
				this.jdbc
					.sql("explain (costs off) select category_id, priority, status from tasks where project_id = :p")
					.param("p", this.project)
					.query(String.class)
					.list());
		this.report.put("6. The report's per-category counts (covering index) — with indexes", covered);
		if (!covered.contains("Index Only Scan using tasks_project_created_idx")) {
			failures.add("the report counts are not an index-only scan:\n" + covered);
		}
		recordPlansWithoutIndexes(queries);
		writeReport();
		assertThat(failures).isEmpty();
	}

	/**
	 * A member's list without a project filter (what {@code GET /tasks} runs for everyone
	 * but administrators) reads one page per visible project, not every task of them, for
	 * every sort: one project and three, each of 250 tasks. The projects are given as a
	 * set, or as the member whose {@code project_members} rows the statement reads itself
	 * (what the list sends): both read the same rows and return the same page.
	 */
	@Test
	void aMembersListReadsAtMostOnePagePerVisibleProject() {
		insertTasksOnce();
		List<UUID> three = this.jdbc.sql("""
				select project_id from tasks where project_id <> :p group by project_id order by project_id limit 2
				""").param("p", this.project).query(UUID.class).list();
		List<String> failures = new ArrayList<>();
		for (Set<UUID> visible : List.of(Set.of(this.project), Set.of(this.project, three.get(0), three.get(1)))) {
			UUID member = memberOf(visible);
			for (TaskSort sort : TaskSort.values()) {
				TaskSearch bySet = new TaskSearch(visible, null, null, null, null, null, null, null, null, null, sort,
						null, 51);
				TaskSearch byMember = new TaskSearch(null, null, null, null, null, null, null, null, null, null, sort,
						null, 51, member);
				List<List<UUID>> pages = new ArrayList<>();
				for (TaskSearch search : List.of(bySet, byMember)) {
					String kind = search.member() == null ? "set" : "member";
					TaskSearchSql sql = new TaskSearchSql(search);
					String plan = String.join("\n",
							this.jdbc.sql("explain (analyze, costs off, timing off, summary off) " + sql.sql())
								.params(sql.params())
								.query(String.class)
								.list());
					long read = taskRowsRead(plan);
					this.report.put(
							"7. A member's list of " + visible.size() + " project(s) by " + kind + ", sort " + sort,
							plan);
					if (read == 0 || read > visible.size() * 51L) {
						failures.add(visible.size() + " project(s) by " + kind + ", sort " + sort + " read " + read
								+ " task rows:\n" + plan);
					}
					List<Task> page = this.jdbc.sql(sql.sql()).params(sql.params()).query(TaskRows.MAPPER).list();
					assertThat(page).hasSize(51);
					pages.add(page.stream().map(Task::id).toList());
				}
				assertThat(pages.get(1)).as("by member, sort " + sort).isEqualTo(pages.get(0));
			}
		}
		assertThat(failures).isEmpty();
		TaskSearchSql nobody = new TaskSearchSql(new TaskSearch(null, null, null, null, null, null, null, null, null,
				null, TaskSort.CREATED, null, 51, memberOf(Set.of())));
		assertThat(this.jdbc.sql(nobody.sql()).params(nobody.params()).query(TaskRows.MAPPER).list())
			.as("a member of no project sees no task")
			.isEmpty();
	}

	/** A new account that is a member of exactly these projects. */
	private UUID memberOf(Set<UUID> projects) {
		UUID user = UUID.randomUUID();
		this.jdbc.sql("""
				insert into users (id, email, display_name, password_hash, role, created_at, updated_at)
				values (:id, :email, 'Member', 'x', 'EDITOR', now(), now())
				""").param("id", user).param("email", "member-" + user + "@example.com").update();
		for (UUID project : projects) {
			this.jdbc.sql("""
					insert into project_members (project_id, user_id, role, added_at)
					values (:project, :user, 'VIEWER', now())
					""").param("project", project).param("user", user).update();
		}
		return user;
	}

	/** Rows the plan's scans of {@code tasks} produced (actual rows × loops). */
	private static long taskRowsRead(String plan) {
		long rows = 0;
		Matcher scan = Pattern.compile("Scan.* on tasks t .*\\(actual rows=(\\d+) loops=(\\d+)\\)").matcher(plan);
		while (scan.find()) {
			rows += Long.parseLong(scan.group(1)) * Long.parseLong(scan.group(2));
		}
		return rows;
	}

	/**
	 * The same plans with the V15 indexes dropped (in a transaction that is rolled back).
	 */
	private void recordPlansWithoutIndexes(Map<String, TaskSearch> queries) {
		var transactions = new TransactionTemplate(this.applicationContext.getBean(PlatformTransactionManager.class));
		transactions.executeWithoutResult(status -> {
			for (String index : List.of("tasks_project_status_priority_idx", "tasks_assignee_idx",
					"tasks_category_priority_idx", "tasks_project_created_idx", "tasks_search_idx")) {
				this.jdbc.sql("drop index " + index).update();
			}
			queries.forEach(
					(name, search) -> this.report.put(name + " — without indexes", explain(new TaskSearchSql(search))));
			status.setRollbackOnly();
		});
	}

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.context.ApplicationContext applicationContext;

	private String explain(TaskSearchSql sql) {
		return String.join("\n",
				this.jdbc.sql("explain (costs off) " + sql.sql()).params(sql.params()).query(String.class).list());
	}

	private void writeReport() throws IOException {
		StringBuilder out = new StringBuilder("# Task query plans (50,000 tasks, analysed)\n");
		this.report.forEach(
				(name, plan) -> out.append("\n## ").append(name).append("\n\n```\n").append(plan).append("\n```\n"));
		Files.writeString(Path.of("target", "query-plans.md"), out.toString());
	}

}
