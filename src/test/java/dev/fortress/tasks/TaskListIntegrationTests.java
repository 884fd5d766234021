package dev.fortress.tasks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;
import dev.fortress.support.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/** The task list: every filter, keyset paging in each sort order, and no N+1. */
class TaskListIntegrationTests extends TaskForgeTest {

	@Test
	void everyFilterSelectsExactlyItsTasks() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn mate = loggedIn("EDITOR");
		UUID project = createProject(owner, "Filters");
		addMember(owner, project, mate.id(), "EDITOR");
		UUID category = createCategory(owner, project, "Infra");
		UUID a = createTask(owner, project, "Upgrade database server", "status", "IN_PROGRESS", "labels",
				List.of("ops"), "categoryId", category.toString(), "dueDate", "2030-01-10");
		UUID b = createTask(owner, project, "Fix login", "priority", "URGENT", "assigneeId", mate.id().toString(),
				"description", "The database connection drops", "dueDate", "2030-03-01");
		UUID c = createTask(owner, project, "Ship dark mode", "type", "FEATURE", "storyPoints", 3, "labels",
				List.of("ui", "ops"));
		UUID d = createTask(owner, project, "Crash", "type", "BUG", "severity", "MAJOR", "status", "DONE");

		String base = "/api/v1/tasks?projectId=" + project;
		assertThat(ids(owner, base)).containsExactly(d, c, b, a);
		assertThat(ids(owner, base + "&status=IN_PROGRESS")).containsExactly(a);
		assertThat(ids(owner, base + "&priority=URGENT")).containsExactly(b);
		assertThat(ids(owner, base + "&type=BUG")).containsExactly(d);
		assertThat(ids(owner, base + "&categoryId=" + category)).containsExactly(a);
		assertThat(ids(owner, base + "&assigneeId=" + mate.id())).containsExactly(b);
		assertThat(ids(owner, base + "&label=ops")).containsExactly(c, a);
		assertThat(ids(owner, base + "&label=OPS")).as("labels are case-insensitive").containsExactly(c, a);
		assertThat(ids(owner, base + "&q=database")).as("title or description").containsExactly(b, a);
		assertThat(ids(owner, base + "&q=dark%20mode")).containsExactly(c);
		assertThat(ids(owner, base + "&dueBefore=2030-02-01")).containsExactly(a);
		assertThat(ids(owner, base + "&label=ops&type=FEATURE")).containsExactly(c);
		assertThat(ids(mate, "/api/v1/tasks?assigneeId=" + mate.id())).containsExactly(b);
	}

	@Test
	void keysetPagingWalksEachSortOrderWithoutGapsOrRepeats() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Paging");
		String[] priorities = { "LOW", "URGENT", "MEDIUM", "URGENT", "HIGH", "LOW", "MEDIUM" };
		String[] dues = { "2030-05-01", null, "2030-01-01", "2030-05-01", null, "2029-12-31", "2030-01-01" };
		List<JsonNode> created = new ArrayList<>();
		for (int i = 0; i < priorities.length; i++) {
			Map<String, Object> body = new java.util.HashMap<>(
					Map.of("title", "Page " + i, "type", "TASK", "priority", priorities[i]));
			if (dues[i] != null) {
				body.put("dueDate", dues[i]);
			}
			Http.Response response = postTask(owner, project, body);
			assertThat(response.status()).isEqualTo(201);
			created.add(response.json());
		}
		Comparator<JsonNode> newest = Comparator.<JsonNode, String>comparing(t -> t.path("createdAt").asString())
			.thenComparing(t -> t.path("id").asString())
			.reversed();
		List<String> rank = List.of("LOW", "MEDIUM", "HIGH", "URGENT");
		Comparator<JsonNode> byPriority = Comparator
			.<JsonNode>comparingInt(t -> rank.indexOf(t.path("priority").asString()))
			.reversed()
			.thenComparing(newest);
		Comparator<JsonNode> byDue = Comparator
			.<JsonNode, String>comparing(t -> t.path("dueDate").isNull() ? "9999-12-31" : t.path("dueDate").asString())
			.thenComparing(t -> t.path("id").asString());

		assertPages(owner, project, "created", created.stream().sorted(newest).toList());
		assertPages(owner, project, "priority", created.stream().sorted(byPriority).toList());
		assertPages(owner, project, "dueDate", created.stream().sorted(byDue).toList());

		Http.Response first = this.http.get("/api/v1/tasks?projectId=" + project + "&limit=3&sort=created")
			.token(owner.accessToken())
			.send();
		Http.Response crossed = this.http
			.get("/api/v1/tasks?projectId=" + project + "&limit=3&sort=priority&cursor=" + first.text("nextCursor"))
			.token(owner.accessToken())
			.send();
		assertThat(crossed.status()).as("a cursor belongs to its sort order").isEqualTo(400);
	}

	private void assertPages(LoggedIn owner, UUID project, String sort, List<JsonNode> expected) {
		List<String> seen = new ArrayList<>();
		String next = "/api/v1/tasks?projectId=" + project + "&limit=3&sort=" + sort;
		int pages = 0;
		while (next != null) {
			Http.Response page = this.http.get(next).token(owner.accessToken()).send();
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			page.json().path("items").forEach(item -> seen.add(item.path("id").asString()));
			String cursor = page.text("nextCursor");
			if (cursor != null) {
				assertThat(page.header("Link")).contains("rel=\"next\"").contains("cursor=" + cursor);
			}
			next = cursor == null ? null
					: "/api/v1/tasks?projectId=" + project + "&limit=3&sort=" + sort + "&cursor=" + cursor;
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(seen).as(sort)
			.containsExactlyElementsOf(expected.stream().map(t -> t.path("id").asString()).toList());
	}

	@Test
	void listingRunsTheSameNumberOfStatementsForOneTaskOrAHundred() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn mate = loggedIn("EDITOR");
		UUID project = createProject(owner, "No N+1");
		addMember(owner, project, mate.id(), "EDITOR");
		// 120 tasks, each with two labels, an assignee (alternating) and a comment
		this.jdbc.sql("""
				insert into tasks (id, project_id, type, title, priority, status, assignee_id, version, created_by,
				                   created_at, updated_at)
				select gen_random_uuid(), :project, 'TASK', 'Bulk ' || g, 1 + g % 4, 'TODO',
				       case when g % 2 = 0 then cast(:owner as uuid) else cast(:mate as uuid) end, 1, :owner,
				       now() - g * interval '1 minute', now()
				from generate_series(1, 120) g
				""").param("project", project).param("owner", owner.id()).param("mate", mate.id()).update();
		this.jdbc.sql("""
				insert into task_labels (task_id, label)
				select t.id, l from tasks t, unnest(array['alpha', 'beta']) l where t.project_id = :project
				""").param("project", project).update();
		this.jdbc.sql("""
				insert into task_comments (id, task_id, author_id, body, created_at)
				select gen_random_uuid(), t.id, :owner, 'hi', now() from tasks t where t.project_id = :project
				""").param("project", project).param("owner", owner.id()).update();

		// the caller's project role is cached after the first read (ADR 0050): warm it,
		// so
		// every measured page finds it the same way
		statementsFor(owner, "/api/v1/tasks?projectId=" + project + "&limit=1", 1);
		int one = statementsFor(owner, "/api/v1/tasks?projectId=" + project + "&limit=1", 1);
		int hundred = statementsFor(owner, "/api/v1/tasks?projectId=" + project + "&limit=100", 100);
		// the page (labels and comment counts in the same statement) and the assignees'
		// names; the project check is answered by the role cache; the counts were a
		// statement of their own before
		assertThat(one).as("the counter sees real statements").isPositive().isLessThanOrEqualTo(2);
		assertThat(hundred).isEqualTo(one);
		int filtered = statementsFor(owner,
				"/api/v1/tasks?projectId=" + project + "&limit=100&label=alpha&sort=priority", 100);
		assertThat(filtered).isEqualTo(one);
		// without a project: the caller's memberships are read in the page's statement,
		// so the page and the names too; the memberships were a statement of their own
		// before
		int mine = statementsFor(owner, "/api/v1/tasks?limit=100", 100);
		assertThat(mine).isEqualTo(one);
	}

	private int statementsFor(LoggedIn user, String path, int expectedItems) {
		String requestId = "stmt-count-" + UUID.randomUUID();
		Http.Response response = this.http.get(path).token(user.accessToken()).header("X-Request-Id", requestId).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode items = response.json().path("items");
		assertThat(items.size()).isEqualTo(expectedItems);
		assertThat(items.get(0).path("labels").size()).isEqualTo(2);
		assertThat(items.get(0).path("commentCount").asInt()).isEqualTo(1);
		assertThat(items.get(0).path("assigneeName").asString()).isNotBlank();
		return StatementCounter.count(requestId);
	}

	private List<UUID> ids(LoggedIn user, String path) {
		Http.Response response = this.http.get(path).token(user.accessToken()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<UUID> ids = new ArrayList<>();
		response.json().path("items").forEach(item -> ids.add(UUID.fromString(item.path("id").asString())));
		return ids;
	}

}
