package dev.fortress.tasks;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.platform.web.Cursors;
import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client input that once reached PostgreSQL and came back as a 500, and answers that told
 * a non-member more than "not found". Found in review; each case failed before its fix.
 */
class BadInputIntegrationTests extends TaskForgeTest {

	private static final String NUL = "a\u0000b";

	@Test
	void nulCharactersAreAValidationErrorAndWriteNothing() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Nul");
		UUID task = createTask(owner, project, "Clean");
		String token = owner.accessToken();

		assertValidation(postTask(owner, project, Map.of("title", NUL, "type", "TASK", "priority", "LOW")), "title");
		assertValidation(
				postTask(owner, project, Map.of("title", "ok", "description", NUL, "type", "TASK", "priority", "LOW")),
				"description");
		assertValidation(patchTask(owner, task, Map.of("title", NUL)), "title");
		assertValidation(patchTask(owner, task, Map.of("description", NUL)), "description");
		assertValidation(this.http.post("/api/v1/tasks/" + task + "/comments", Map.of("body", NUL)).token(token).send(),
				"body");
		assertValidation(this.http.post("/api/v1/projects", Map.of("name", NUL)).token(token).send(), "name");
		assertValidation(this.http.patch("/api/v1/projects/" + project, Map.of("description", NUL)).token(token).send(),
				"description");
		assertValidation(
				this.http.post("/api/v1/projects/" + project + "/categories", Map.of("name", NUL)).token(token).send(),
				"name");
		assertValidation(this.http.get("/api/v1/tasks?q=a%00b").token(token).send(), "q");
		assertValidation(this.http.get("/api/v1/tasks?label=a%00b").token(token).send(), "label");

		Integer tasks = this.jdbc.sql("select count(*) from tasks where project_id = :p")
			.param("p", project)
			.query(Integer.class)
			.single();
		assertThat(tasks).isEqualTo(1);
		assertThat(getTask(owner, task).json().path("version").asLong()).isEqualTo(1);
	}

	@Test
	void datesPostgresCannotHoldAreAValidationError() {
		LoggedIn owner = loggedIn("EDITOR");
		String token = owner.accessToken();

		assertValidation(this.http.get("/api/v1/tasks?dueBefore=%2B999999999-01-01").token(token).send(), "dueBefore");
		assertValidation(this.http.get("/api/v1/tasks?dueBefore=-5000-01-01").token(token).send(), "dueBefore");
		assertThat(this.http.get("/api/v1/tasks?dueBefore=9999-12-31").token(token).send().status()).isEqualTo(200);

		String farFuture = Cursors.encode("CREATED", "+999999999-01-01T00:00:00Z", 1, "2020-01-01", UUID.randomUUID());
		assertValidation(this.http.get("/api/v1/tasks?cursor=" + farFuture).token(token).send(), "cursor");
		String farDue = Cursors.encode("DUE_DATE", "2020-01-01T00:00:00Z", 1, "+999999-01-01", UUID.randomUUID());
		assertValidation(this.http.get("/api/v1/tasks?sort=dueDate&cursor=" + farDue).token(token).send(), "cursor");
	}

	@Test
	void aNonMemberCannotTellAnExistingTaskFromAMissingOne() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		UUID task = createTask(owner, createProject(owner, "Secret"), "Hidden");
		String token = outsider.accessToken();

		for (String path : List.of("/api/v1/tasks/" + task, "/api/v1/tasks/" + UUID.randomUUID())) {
			Http.Response patch = this.http.patch(path, Map.of("title", "mine")).token(token).send();
			Http.Response delete = this.http.delete(path).token(token).send();
			Http.Response get = this.http.get(path).token(token).send();
			for (Http.Response response : List.of(patch, delete, get)) {
				assertThat(response.status()).as(path + " " + response).isEqualTo(404);
				assertThat(response.text("detail")).as(path + " " + response).isEqualTo("Task not found");
			}
		}
		assertThat(getTask(owner, task).json().path("title").asString()).isEqualTo("Hidden");
	}

	@Test
	void listingTheTasksOfAMissingProjectIsA404ForAdminsToo() {
		LoggedIn admin = loggedIn("ADMIN");
		Http.Response missing = this.http.get("/api/v1/tasks?projectId=" + UUID.randomUUID())
			.token(admin.accessToken())
			.send();
		assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
		assertThat(missing.text("detail")).isEqualTo("Project not found");
	}

	private static void assertValidation(Http.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(slug(response)).as(response.toString()).isEqualTo("validation-error");
		assertThat(response.body()).as(response.toString()).contains("\"" + field + "\"");
	}

}
