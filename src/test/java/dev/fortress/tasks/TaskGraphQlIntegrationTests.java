package dev.fortress.tasks;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.GraphQl;
import dev.fortress.support.Http;
import dev.fortress.support.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TaskForge over GraphQL, against the REST API for the same data: a board, the mutations,
 * the access rule, bad input, and a board that costs the same number of SQL statements
 * for one task as for a hundred.
 */
class TaskGraphQlIntegrationTests extends TaskForgeTest {

	private static final String BOARD = """
			query Board($id: ID!, $first: Int) {
			  project(id: $id) {
			    name role
			    tasks(first: $first) {
			      pageInfo { hasNextPage endCursor }
			      edges { cursor }
			      nodes {
			        id title status priority version commentCount labels dueDate
			        assignee { id displayName }
			        category { id name }
			        comments(first: 10) { nodes { body author { displayName } } }
			      }
			    }
			  }
			}
			""";

	private static final String CREATE = """
			mutation Create($project: ID!, $input: CreateTaskInput!) {
			  createTask(projectId: $project, input: $input) { id title type priority status severity version labels dueDate }
			}
			""";

	private static final String UPDATE = """
			mutation Update($id: ID!, $version: Long, $input: UpdateTaskInput!) {
			  updateTask(id: $id, expectedVersion: $version, input: $input) { id title description status version }
			}
			""";

	private GraphQl graphQl() {
		return new GraphQl(this.http);
	}

	@Test
	void aBoardReadsTheSameTasksAsTheRestList() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn mate = loggedIn("EDITOR");
		UUID project = createProject(owner, "Board");
		addMember(owner, project, mate.id(), "EDITOR");
		UUID category = createCategory(owner, project, "Infra");
		UUID a = createTask(owner, project, "Upgrade", "categoryId", category.toString(), "labels", List.of("ops"),
				"dueDate", "2030-01-10");
		UUID b = createTask(owner, project, "Fix login", "assigneeId", mate.id().toString(), "priority", "URGENT");
		UUID c = createTask(owner, project, "Write docs");
		comment(mate, b, "on it");

		JsonNode board = graphQl().send(owner.accessToken(), BOARD, Map.of("id", project.toString()))
			.ok()
			.path("project");
		Http.Response rest = this.http.get("/api/v1/tasks?projectId=" + project).token(owner.accessToken()).send();
		assertThat(rest.status()).isEqualTo(200);

		assertThat(board.path("role").asString()).isEqualTo("OWNER");
		JsonNode nodes = board.path("tasks").path("nodes");
		JsonNode items = rest.json().path("items");
		assertThat(ids(nodes)).containsExactly(c, b, a).isEqualTo(ids(items));
		for (int i = 0; i < items.size(); i++) {
			JsonNode node = nodes.get(i);
			JsonNode item = items.get(i);
			for (String field : List.of("title", "status", "priority", "dueDate")) {
				assertThat(node.path(field).asString()).as(field).isEqualTo(item.path(field).asString());
			}
			assertThat(node.path("version").asLong()).isEqualTo(item.path("version").asLong());
			assertThat(node.path("commentCount").asInt()).isEqualTo(item.path("commentCount").asInt());
			assertThat(node.path("labels").toString()).isEqualTo(item.path("labels").toString());
			assertThat(node.path("assignee").path("displayName").asString(null))
				.isEqualTo(item.path("assigneeName").asString(null));
			assertThat(node.path("category").path("id").asString(null))
				.isEqualTo(item.path("categoryId").asString(null));
		}
		assertThat(nodes.get(0).path("category").isNull()).isTrue();
		assertThat(nodes.get(2).path("category").path("name").asString()).isEqualTo("Infra");
		JsonNode comments = nodes.get(1).path("comments").path("nodes");
		assertThat(comments.size()).isEqualTo(1);
		assertThat(comments.get(0).path("body").asString()).isEqualTo("on it");
		assertThat(comments.get(0).path("author").path("displayName").asString()).isEqualTo("editor");
	}

	@Test
	void cursorsPageThroughABoardWithoutGapsOrRepeats() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Pages");
		List<UUID> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(0, createTask(owner, project, "Task " + i));
		}
		String query = """
				query Page($id: ID!, $after: String) {
				  project(id: $id) { tasks(first: 2, after: $after) {
				    edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }
				}
				""";
		List<UUID> seen = new ArrayList<>();
		String after = null;
		JsonNode first = null;
		do {
			Map<String, Object> variables = new HashMap<>(Map.of("id", project.toString()));
			variables.put("after", after);
			JsonNode page = graphQl().send(owner.accessToken(), query, variables).ok().path("project").path("tasks");
			first = first == null ? page : first;
			page.path("edges").forEach(edge -> seen.add(UUID.fromString(edge.path("node").path("id").asString())));
			after = page.path("pageInfo").path("hasNextPage").asBoolean()
					? page.path("pageInfo").path("endCursor").asString() : null;
		}
		while (after != null);
		assertThat(seen).isEqualTo(created);

		// every edge has a cursor: resuming after the first edge of the first page
		String afterFirstEdge = first.path("edges").get(0).path("cursor").asString();
		JsonNode resumed = graphQl()
			.send(owner.accessToken(), query, Map.of("id", project.toString(), "after", afterFirstEdge))
			.ok()
			.path("project")
			.path("tasks");
		List<JsonNode> resumedNodes = new ArrayList<>();
		resumed.path("edges").forEach(edge -> resumedNodes.add(edge.path("node")));
		assertThat(ids(resumedNodes)).containsExactly(created.get(1), created.get(2));
		assertThat(resumed.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
		// and again from the middle of the resumed page, and from the last edge of all
		String again = resumed.path("edges").get(0).path("cursor").asString();
		JsonNode twice = graphQl().send(owner.accessToken(), query, Map.of("id", project.toString(), "after", again))
			.ok()
			.path("project")
			.path("tasks");
		List<JsonNode> twiceNodes = new ArrayList<>();
		twice.path("edges").forEach(edge -> twiceNodes.add(edge.path("node")));
		assertThat(ids(twiceNodes)).containsExactly(created.get(2), created.get(3));
		String end = graphQl()
			.send(owner.accessToken(), query,
					Map.of("id", project.toString(), "after", twice.path("pageInfo").path("endCursor").asString()))
			.ok()
			.path("project")
			.path("tasks")
			.path("pageInfo")
			.path("endCursor")
			.asString();
		JsonNode beyond = graphQl().send(owner.accessToken(), query, Map.of("id", project.toString(), "after", end))
			.ok()
			.path("project")
			.path("tasks");
		assertThat(beyond.path("edges").size()).isZero();
		assertThat(beyond.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
	}

	@Test
	void aBoardOfAHundredTasksCostsTheStatementsOfABoardOfOne() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn mate = loggedIn("EDITOR");
		UUID big = boardWithTasks(owner, mate, 100);
		UUID small = boardWithTasks(owner, mate, 1);
		// the caller's project roles are cached after the first read (ADR 0050): warm
		// them, so both measured boards find them the same way
		statementsForBoard(owner, big, 100);
		statementsForBoard(owner, small, 1);

		int one = statementsForBoard(owner, small, 1);
		int hundred = statementsForBoard(owner, big, 100);
		// the project, the page of tasks (labels and comment counts in the same
		// statement),
		// the assignees' names for the page, then one statement per nested field for the
		// whole page: assignees, categories, comments, comment authors
		assertThat(one).as("the counter sees real statements").isPositive().isLessThanOrEqualTo(8);
		assertThat(hundred).isEqualTo(one);
	}

	@Test
	void theTasksOfFiveProjectsCostTheStatementsOfTwo() {
		LoggedIn mate = loggedIn("EDITOR");
		LoggedIn few = loggedIn("EDITOR");
		LoggedIn many = loggedIn("EDITOR");
		for (int i = 0; i < 2; i++) {
			boardWithTasks(few, mate, 3);
		}
		for (int i = 0; i < 5; i++) {
			boardWithTasks(many, mate, 3);
		}
		statementsForProjects(few, 2);
		statementsForProjects(many, 5);

		int two = statementsForProjects(few, 2);
		int five = statementsForProjects(many, 5);
		// the projects, then once for all of them: the memberships, the pages of tasks,
		// the
		// assignees' names, the assignees and the categories
		assertThat(two).as("the counter sees real statements").isPositive();
		assertThat(five).isEqualTo(two);
	}

	@Test
	void createAndUpdateAgreeWithRestAndAStaleVersionChangesNothing() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Mutations");
		JsonNode created = graphQl().send(owner.accessToken(), CREATE,
				Map.of("project", project.toString(), "input", Map.of("title", " Crash on start ", "type", "BUG",
						"priority", "HIGH", "severity", "MAJOR", "labels", List.of("Ops"), "dueDate", "2030-02-01")))
			.ok()
			.path("createTask");
		UUID id = UUID.fromString(created.path("id").asString());
		JsonNode rest = getTask(owner, id).json();
		for (String field : List.of("title", "type", "priority", "status", "severity", "dueDate")) {
			assertThat(created.path(field).asString()).as(field).isEqualTo(rest.path(field).asString());
		}
		assertThat(created.path("labels").toString()).isEqualTo(rest.path("labels").toString());
		assertThat(created.path("version").asLong()).isEqualTo(rest.path("version").asLong());

		long version = created.path("version").asLong();
		Map<String, Object> patch = new HashMap<>();
		patch.put("title", "Crash fixed");
		patch.put("status", "DONE");
		patch.put("description", null);
		JsonNode updated = graphQl()
			.send(owner.accessToken(), UPDATE, Map.of("id", id.toString(), "version", version, "input", patch))
			.ok()
			.path("updateTask");
		assertThat(updated.path("version").asLong()).isEqualTo(version + 1);
		assertThat(getTask(owner, id).header("ETag")).isEqualTo("\"" + (version + 1) + "\"");

		GraphQl.Result stale = graphQl().send(owner.accessToken(), UPDATE,
				Map.of("id", id.toString(), "version", version, "input", Map.of("title", "Lost update")));
		stale.singleError("precondition-failed");
		assertThat(stale.data().path("updateTask").isNull()).isTrue();
		JsonNode after = getTask(owner, id).json();
		assertThat(after.path("title").asString()).isEqualTo("Crash fixed");
		assertThat(after.path("version").asLong()).isEqualTo(version + 1);
	}

	@Test
	void moveTaskMovesItAsTheRestMoveDoes() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID from = createProject(owner, "From");
		UUID to = createProject(owner, "To");
		UUID task = createTask(owner, from, "Travel");
		UUID subtask = createTask(owner, from, "Pack", "parentId", task.toString());
		JsonNode moved = graphQl()
			.send(owner.accessToken(),
					"""
							mutation($id: ID!, $to: ID!) { moveTask(id: $id, projectId: $to) {
							  projectId subtasks { nodes { id projectId } } history { nodes { action changes { field from to } } } } }
							""",
					Map.of("id", task.toString(), "to", to.toString()))
			.ok()
			.path("moveTask");
		assertThat(moved.path("projectId").asString()).isEqualTo(to.toString());
		assertThat(moved.path("subtasks").path("nodes").get(0).path("id").asString()).isEqualTo(subtask.toString());
		assertThat(getTask(owner, subtask).text("projectId")).isEqualTo(to.toString());
		JsonNode history = moved.path("history").path("nodes");
		assertThat(history.get(history.size() - 1).path("action").asString()).isEqualTo("MOVED");
		assertThat(history.get(history.size() - 1).path("changes").get(0).path("to").asString())
			.isEqualTo("\"" + to + "\"");
	}

	@Test
	void strangersAndViewersAreRefusedAsOnRest() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn viewer = loggedIn("EDITOR");
		LoggedIn stranger = loggedIn("EDITOR");
		UUID project = createProject(owner, "Private");
		addMember(owner, project, viewer.id(), "VIEWER");
		UUID task = createTask(owner, project, "Secret", "assigneeId", owner.id().toString());

		GraphQl.Result hidden = graphQl().send(stranger.accessToken(), BOARD, Map.of("id", project.toString()));
		hidden.singleError("not-found");
		assertThat(hidden.data().path("project").isNull()).isTrue();
		graphQl()
			.send(stranger.accessToken(), "query($id: ID!) { task(id: $id) { title } }", Map.of("id", task.toString()))
			.singleError("not-found");
		assertThat(graphQl().send(stranger.accessToken(), "{ projects { nodes { id } } }", Map.of())
			.ok()
			.path("projects")
			.path("nodes")
			.size()).isZero();

		GraphQl.Result readOnly = graphQl().send(viewer.accessToken(), CREATE, Map.of("project", project.toString(),
				"input", Map.of("title", "Nope", "type", "TASK", "priority", "LOW")));
		readOnly.singleError("forbidden");
		assertThat(this.http.get("/api/v1/tasks?projectId=" + project)
			.token(owner.accessToken())
			.send()
			.json()
			.path("items")
			.size()).isEqualTo(1);

		// a person's e-mail address is theirs (and ADMINs'): null and forbidden for
		// others
		String people = "query($id: ID!) { task(id: $id) { assignee { displayName email } } }";
		GraphQl.Result other = graphQl().send(viewer.accessToken(), people, Map.of("id", task.toString()));
		other.singleError("forbidden");
		assertThat(other.data().path("task").path("assignee").path("displayName").asString()).isEqualTo("editor");
		assertThat(other.data().path("task").path("assignee").path("email").isNull()).isTrue();
		assertThat(graphQl().send(owner.accessToken(), people, Map.of("id", task.toString()))
			.ok()
			.path("task")
			.path("assignee")
			.path("email")
			.asString()).isEqualTo(owner.email());

		GraphQl.Result anonymous = graphQl().send(null, "{ me { email } }", Map.of());
		anonymous.singleError("unauthorized");
		assertThat(anonymous.response().status()).isEqualTo(200);
		Http.Response forged = this.http.post("/graphql", Map.of("query", "{ me { email } }"))
			.token("not-a-token")
			.send();
		assertThat(forged.status()).as("a token that does not verify is a 401, as on REST").isEqualTo(401);
		assertThat(graphQl().send(owner.accessToken(), "{ me { id email role } }", Map.of())
			.ok()
			.path("me")
			.path("email")
			.asString()).isEqualTo(owner.email());
	}

	@Test
	void badInputIsAValidationErrorAndChangesNothing() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Strict");
		UUID task = createTask(owner, project, "Keep me");

		JsonNode blank = graphQl()
			.send(owner.accessToken(), CREATE, Map.of("project", project.toString(), "input",
					Map.of("title", " ", "type", "TASK", "priority", "LOW")))
			.singleError("validation-error");
		assertThat(blank.path("extensions").path("errors").get(0).path("field").asString()).isEqualTo("title");

		JsonNode wrongType = graphQl()
			.send(owner.accessToken(), CREATE, Map.of("project", project.toString(), "input",
					Map.of("title", "Task with severity", "type", "TASK", "priority", "LOW", "severity", "MAJOR")))
			.singleError("validation-error");
		assertThat(wrongType.path("extensions").path("errors").get(0).path("field").asString()).isEqualTo("severity");

		graphQl()
			.send(owner.accessToken(), CREATE,
					Map.of("project", "not-a-uuid", "input", Map.of("title", "x", "type", "TASK", "priority", "LOW")))
			.singleError("validation-error");
		graphQl()
			.send(owner.accessToken(), UPDATE, Map.of("id", task.toString(), "input", Map.of("title", "x".repeat(201))))
			.singleError("validation-error");
		graphQl()
			.send(owner.accessToken(), UPDATE, Map.of("id", task.toString(), "input", Map.of("dueDate", "tomorrow")))
			.singleError("validation-error");
		graphQl().send(owner.accessToken(), BOARD, Map.of("id", project.toString(), "first", 1000))
			.singleError("validation-error");
		graphQl()
			.send(owner.accessToken(), CREATE,
					Map.of("project", project.toString(), "input",
							Map.of("title", "nul\u0000byte", "type", "TASK", "priority", "LOW")))
			.singleError("malformed-request");
		graphQl()
			.send(owner.accessToken(),
					"query($id: ID!, $q: String) { project(id: $id) { tasks(q: $q) { nodes { id } } } }",
					Map.of("id", project.toString(), "q", "x".repeat(201)))
			.singleError("validation-error");
		// a cursor of another list: refused by the task list's own cursor rules, inside
		// the
		// batch load of the board
		String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString("c1:0:bm9wZQ".getBytes());
		GraphQl.Result badCursor = graphQl().send(owner.accessToken(),
				"query($id: ID!, $after: String) { project(id: $id) { name tasks(after: $after) { nodes { id } } } }",
				Map.of("id", project.toString(), "after", foreign));
		badCursor.singleError("validation-error");
		// the connection is non-null, so its error nulls the project, as GraphQL says
		assertThat(badCursor.data().path("project").isNull()).isTrue();
		graphQl().send(owner.accessToken(), UPDATE, Map.of("id", task.toString(), "input", Map.of("version", 99)))
			.singleError("validation-error");

		JsonNode items = this.http.get("/api/v1/tasks?projectId=" + project)
			.token(owner.accessToken())
			.send()
			.json()
			.path("items");
		assertThat(items.size()).isEqualTo(1);
		assertThat(items.get(0).path("title").asString()).isEqualTo("Keep me");
		assertThat(items.get(0).path("version").asLong()).isEqualTo(1);
	}

	private UUID boardWithTasks(LoggedIn owner, LoggedIn mate, int count) {
		UUID project = createProject(owner, "Board of " + count);
		addMember(owner, project, mate.id(), "EDITOR");
		UUID category = createCategory(owner, project, "Bulk");
		this.jdbc.sql("""
				insert into tasks (id, project_id, type, title, priority, status, category_id, assignee_id, version,
				                   created_by, created_at, updated_at)
				select gen_random_uuid(), :project, 'TASK', 'Bulk ' || g, 1 + g % 4, 'TODO', :category,
				       case when g % 2 = 0 then cast(:owner as uuid) else cast(:mate as uuid) end, 1, :owner,
				       now() - g * interval '1 minute', now()
				from generate_series(1, :count) g
				""")
			.param("project", project)
			.param("category", category)
			.param("owner", owner.id())
			.param("mate", mate.id())
			.param("count", count)
			.update();
		this.jdbc.sql("""
				insert into task_comments (id, task_id, author_id, body, created_at)
				select gen_random_uuid(), t.id, :mate, 'hi', now() from tasks t where t.project_id = :project
				""").param("project", project).param("mate", mate.id()).update();
		return project;
	}

	private int statementsForBoard(LoggedIn user, UUID project, int expectedTasks) {
		String requestId = "gql-count-" + UUID.randomUUID();
		JsonNode nodes = graphQl()
			.send(user.accessToken(), BOARD, Map.of("id", project.toString(), "first", 100), requestId)
			.ok()
			.path("project")
			.path("tasks")
			.path("nodes");
		assertThat(nodes.size()).isEqualTo(expectedTasks);
		assertThat(nodes.get(0).path("assignee").path("displayName").asString()).isNotBlank();
		assertThat(nodes.get(0).path("category").path("name").asString()).isEqualTo("Bulk");
		assertThat(nodes.get(0).path("comments").path("nodes").get(0).path("author").path("displayName").asString())
			.isNotBlank();
		return StatementCounter.count(requestId);
	}

	private int statementsForProjects(LoggedIn user, int expectedProjects) {
		String requestId = "gql-projects-" + UUID.randomUUID();
		JsonNode projects = graphQl().send(user.accessToken(), """
				{ projects(first: 10) { nodes { name tasks(first: 10) {
				  nodes { title assignee { displayName } category { name } } } } } }
				""", Map.of(), requestId).ok().path("projects").path("nodes");
		assertThat(projects.size()).isEqualTo(expectedProjects);
		projects.forEach(project -> {
			assertThat(project.path("tasks").path("nodes").size()).isEqualTo(3);
			assertThat(project.path("tasks").path("nodes").get(0).path("category").path("name").asString())
				.isEqualTo("Bulk");
		});
		return StatementCounter.count(requestId);
	}

	private void comment(LoggedIn user, UUID task, String body) {
		Http.Response response = this.http.post("/api/v1/tasks/" + task + "/comments", Map.of("body", body))
			.token(user.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
	}

	private static List<UUID> ids(Iterable<JsonNode> nodes) {
		List<UUID> ids = new ArrayList<>();
		nodes.forEach(node -> ids.add(UUID.fromString(node.path("id").asString())));
		return ids;
	}

}
