package dev.fortress.tasks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base for TaskForge's HTTP tests: helpers that create projects, members and tasks
 * through the API, asserting each step succeeded.
 */
public abstract class TaskForgeTest extends IntegrationTest {

	protected UUID createProject(LoggedIn owner, String name) {
		Http.Response response = this.http.post("/api/v1/projects", Map.of("name", name))
			.token(owner.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return UUID.fromString(response.text("id"));
	}

	protected void addMember(LoggedIn owner, UUID projectId, UUID userId, String role) {
		Http.Response response = this.http
			.put("/api/v1/projects/" + projectId + "/members/" + userId, Map.of("role", role))
			.token(owner.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	protected UUID createCategory(LoggedIn editor, UUID projectId, String name) {
		Http.Response response = this.http.post("/api/v1/projects/" + projectId + "/categories", Map.of("name", name))
			.token(editor.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return UUID.fromString(response.text("id"));
	}

	protected Http.Response postTask(LoggedIn user, UUID projectId, Map<String, ?> body) {
		return this.http.post("/api/v1/projects/" + projectId + "/tasks", body).token(user.accessToken()).send();
	}

	/** Creates a TASK with the given title plus any extra fields. */
	protected UUID createTask(LoggedIn user, UUID projectId, String title, Object... extra) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("type", "TASK");
		body.put("priority", "MEDIUM");
		for (int i = 0; i < extra.length; i += 2) {
			body.put((String) extra[i], extra[i + 1]);
		}
		Http.Response response = postTask(user, projectId, body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return UUID.fromString(response.text("id"));
	}

	protected Http.Response getTask(LoggedIn user, UUID taskId) {
		return this.http.get("/api/v1/tasks/" + taskId).token(user.accessToken()).send();
	}

	protected Http.Response patchTask(LoggedIn user, UUID taskId, Object body) {
		return this.http.patch("/api/v1/tasks/" + taskId, body).token(user.accessToken()).send();
	}

	protected static String slug(Http.Response response) {
		String type = response.text("type");
		return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
	}

}
