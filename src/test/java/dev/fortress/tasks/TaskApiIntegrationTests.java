package dev.fortress.tasks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating, reading, changing and deleting tasks over HTTP, with validation. */
class TaskApiIntegrationTests extends TaskForgeTest {

	@Test
	void createsTasksOfEachTypeThroughTheFactory() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Factory");
		UUID category = createCategory(owner, project, "Backend");

		Http.Response bug = postTask(owner, project,
				Map.of("title", "Crash on save", "type", "BUG", "priority", "URGENT", "severity", "CRITICAL",
						"categoryId", category.toString(), "labels", List.of(" UI ", "ui", "crash"), "dueDate",
						"2030-01-31", "assigneeId", owner.id().toString()));
		assertThat(bug.status()).as(bug.toString()).isEqualTo(201);
		assertThat(bug.header("ETag")).isEqualTo("\"1\"");
		assertThat(bug.header("Location")).isEqualTo("/api/v1/tasks/" + bug.text("id"));
		JsonNode body = bug.json();
		assertThat(body.path("type").asString()).isEqualTo("BUG");
		assertThat(body.path("severity").asString()).isEqualTo("CRITICAL");
		assertThat(body.path("status").asString()).isEqualTo("TODO");
		assertThat(body.path("labels").toString()).isEqualTo("[\"crash\",\"ui\"]");
		assertThat(body.path("assigneeName").asString()).isEqualTo("editor");
		assertThat(body.path("projectId").asString()).isEqualTo(project.toString());

		Http.Response feature = postTask(owner, project,
				Map.of("title", "Dark mode", "type", "FEATURE", "priority", "LOW", "storyPoints", 5));
		assertThat(feature.status()).as(feature.toString()).isEqualTo(201);
		assertThat(feature.json().path("storyPoints").asInt()).isEqualTo(5);

		Http.Response task = postTask(owner, project,
				Map.of("title", "Write docs", "type", "TASK", "priority", "HIGH"));
		assertThat(task.status()).isEqualTo(201);
		assertThat(task.json().path("severity").isNull()).isTrue();
	}

	@Test
	void fieldsOfAnotherTypeAndBadValuesAreRejected() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Validation");
		UUID otherProject = createProject(owner, "Elsewhere");
		UUID foreignCategory = createCategory(owner, otherProject, "Foreign");
		UUID stranger = newUser("stranger").id();

		assertInvalid(
				postTask(owner, project, Map.of("title", "x", "type", "TASK", "priority", "LOW", "severity", "MAJOR")),
				"severity");
		assertInvalid(
				postTask(owner, project,
						Map.of("title", "x", "type", "BUG", "priority", "LOW", "storyPoints", 3, "severity", "MINOR")),
				"storyPoints");
		assertInvalid(postTask(owner, project, Map.of("title", "x", "type", "BUG", "priority", "LOW")), "severity");
		assertInvalid(postTask(owner, project, Map.of("title", " ", "type", "TASK", "priority", "LOW")), "title");
		assertInvalid(postTask(owner, project, Map.of("title", "x".repeat(201), "type", "TASK", "priority", "LOW")),
				"title");
		assertInvalid(postTask(owner, project,
				Map.of("title", "x", "type", "TASK", "priority", "LOW", "categoryId", foreignCategory.toString())),
				"categoryId");
		assertInvalid(
				postTask(owner, project,
						Map.of("title", "x", "type", "TASK", "priority", "LOW", "assigneeId", stranger.toString())),
				"assigneeId");
		assertInvalid(
				postTask(owner, project,
						Map.of("title", "x", "type", "TASK", "priority", "LOW", "labels", List.of("ok", "<script>"))),
				"labels");
		assertInvalid(postTask(owner, project,
				Map.of("title", "x", "type", "TASK", "priority", "LOW", "dueDate", "1900-01-01")), "dueDate");
		assertInvalid(
				postTask(owner, project,
						Map.of("title", "x", "type", "FEATURE", "priority", "LOW", "storyPoints", 1000)),
				"storyPoints");

		Http.Response badEnum = postTask(owner, project, Map.of("title", "x", "type", "EPIC", "priority", "LOW"));
		assertThat(badEnum.status()).isEqualTo(400);
		assertThat(slug(badEnum)).isEqualTo("malformed-request");
		Http.Response massAssign = postTask(owner, project, Map.of("title", "x", "type", "TASK", "priority", "LOW",
				"id", UUID.randomUUID().toString(), "version", 99));
		assertThat(massAssign.status()).isEqualTo(400);
		Http.Response badDate = postTask(owner, project,
				Map.of("title", "x", "type", "TASK", "priority", "LOW", "dueDate", "tomorrow"));
		assertThat(badDate.status()).isEqualTo(400);
		assertThat(badDate.header("Content-Type")).startsWith("application/problem+json");

		UUID task = createTask(owner, project, "patch me");
		assertThat(patchTask(owner, task, Map.of("projectId", otherProject.toString())).status()).isEqualTo(400);
		assertThat(patchTask(owner, task, Map.of("createdBy", stranger.toString())).status()).isEqualTo(400);
		Map<String, Object> clearTitle = new HashMap<>();
		clearTitle.put("title", null);
		assertInvalid(patchTask(owner, task, clearTitle), "title");
		assertInvalid(patchTask(owner, task, Map.of("severity", "MINOR")), "severity");
		assertThat(this.http.get("/api/v1/tasks?sort=random").token(owner.accessToken()).send().status())
			.isEqualTo(400);
		assertThat(this.http.get("/api/v1/tasks?cursor=not-a-cursor!").token(owner.accessToken()).send().status())
			.isEqualTo(400);
		assertThat(this.http.get("/api/v1/tasks?limit=0").token(owner.accessToken()).send().status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/tasks/not-a-uuid").token(owner.accessToken()).send().status()).isEqualTo(400);
	}

	@Test
	void patchIsAMergePatchAndStampsCompletion() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Patch");
		UUID task = createTask(owner, project, "original", "description", "keep me", "dueDate", "2031-05-01");

		Map<String, Object> patch = new HashMap<>();
		patch.put("title", "renamed");
		patch.put("dueDate", null);
		patch.put("status", "DONE");
		Http.Response patched = patchTask(owner, task, patch);
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		assertThat(patched.header("ETag")).isEqualTo("\"2\"");
		JsonNode body = patched.json();
		assertThat(body.path("title").asString()).isEqualTo("renamed");
		assertThat(body.path("description").asString()).isEqualTo("keep me");
		assertThat(body.path("dueDate").isNull()).isTrue();
		assertThat(body.path("completedAt").isNull()).isFalse();

		Http.Response reopened = patchTask(owner, task, Map.of("status", "TODO"));
		assertThat(reopened.json().path("completedAt").isNull()).isTrue();
		Http.Response same = patchTask(owner, task, Map.of("status", "TODO"));
		assertThat(same.json().path("version").asLong()).as("no-op patch makes no version").isEqualTo(3);
	}

	@Test
	void subtasksStayInTheirProjectWithoutCyclesAndLimitedDepth() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Tree");
		UUID other = createProject(owner, "Other tree");
		UUID root = createTask(owner, project, "root");
		UUID child = createTask(owner, project, "child", "parentId", root.toString());
		UUID grandchild = createTask(owner, project, "grandchild", "parentId", child.toString());
		UUID foreign = createTask(owner, other, "foreign");

		assertInvalid(postTask(owner, project,
				Map.of("title", "too deep", "type", "TASK", "priority", "LOW", "parentId", grandchild.toString())),
				"parentId");
		assertInvalid(
				postTask(owner, project,
						Map.of("title", "cross", "type", "TASK", "priority", "LOW", "parentId", foreign.toString())),
				"parentId");
		assertInvalid(patchTask(owner, root, Map.of("parentId", grandchild.toString())), "parentId");
		assertInvalid(patchTask(owner, root, Map.of("parentId", root.toString())), "parentId");

		assertThat(this.http.delete("/api/v1/tasks/" + root).token(owner.accessToken()).send().status()).isEqualTo(204);
		assertThat(getTask(owner, grandchild).status()).as("subtasks go with their parent").isEqualTo(404);
	}

	@Test
	void commentsAreCountedAndListed() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Comments");
		UUID task = createTask(owner, project, "discuss");
		Http.Response posted = this.http.post("/api/v1/tasks/" + task + "/comments", Map.of("body", "First!"))
			.token(owner.accessToken())
			.send();
		assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
		assertThat(posted.text("authorName")).isEqualTo("editor");
		assertInvalid(this.http.post("/api/v1/tasks/" + task + "/comments", Map.of("body", ""))
			.token(owner.accessToken())
			.send(), "body");
		Http.Response list = this.http.get("/api/v1/tasks/" + task + "/comments").token(owner.accessToken()).send();
		assertThat(list.json().path("items").size()).isEqualTo(1);
		assertThat(getTask(owner, task).json().path("commentCount").asInt()).isEqualTo(1);
	}

	@Test
	void aMemberWhoLeavesIsUnassignedWithHistory() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn mate = loggedIn("EDITOR");
		UUID project = createProject(owner, "Leaving");
		addMember(owner, project, mate.id(), "EDITOR");
		UUID mine = createTask(owner, project, "mine", "assigneeId", owner.id().toString());
		UUID theirs = createTask(owner, project, "theirs", "assigneeId", mate.id().toString());

		assertThat(this.http.delete("/api/v1/projects/" + project + "/members/" + mate.id())
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(204);

		assertThat(getTask(owner, theirs).json().path("assigneeId").isNull()).isTrue();
		assertThat(getTask(owner, mine).json().path("assigneeId").asString()).isEqualTo(owner.id().toString());
		JsonNode history = this.http.get("/api/v1/tasks/" + theirs + "/history")
			.token(owner.accessToken())
			.send()
			.json()
			.path("items");
		assertThat(history.get(history.size() - 1).path("changes").path("assigneeId").path("from").asString())
			.isEqualTo(mate.id().toString());
		assertThat(getTask(mate, theirs).status()).isEqualTo(404);
	}

	static void assertInvalid(Http.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(slug(response)).isEqualTo("validation-error");
		assertThat(response.json().path("errors").toString()).contains("\"" + field + "\"");
	}

}
