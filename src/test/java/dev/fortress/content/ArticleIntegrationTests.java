package dev.fortress.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.tasks.TaskForgeTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Articles over HTTP: the lifecycle and who may take each step, versions with diffs and
 * revert, sanitising, visibility and bad input.
 */
class ArticleIntegrationTests extends TaskForgeTest {

	@Test
	void aDraftIsTheAuthorsAloneUntilAPublisherPublishesIt() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		UUID project = createProject(owner, "Handbook");
		addMember(owner, project, author.id(), "EDITOR");

		UUID id = create(author, Map.of("title", "Deploying", "body", "Run `make deploy`.", "projectId", project,
				"tags", List.of("Ops", "ops", "deploy")));
		Http.Response created = get(author, id);
		assertThat(created.text("status")).isEqualTo("DRAFT");
		assertThat(created.json().path("tags").toString()).isEqualTo("[\"ops\",\"deploy\"]");
		assertProblem(get(owner, id), 404, "not-found");

		assertThat(patch(author, id, Map.of("status", "REVIEW")).status()).isEqualTo(200);
		assertThat(get(owner, id).status()).isEqualTo(200);
		assertProblem(get(outsider, id), 404, "not-found");
		assertProblem(patch(author, id, Map.of("status", "PUBLISHED")), 403, "forbidden");

		Http.Response published = patch(owner, id, Map.of("status", "PUBLISHED"));
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		assertThat(published.text("publishedAt")).isNotNull();
		assertProblem(get(outsider, id), 404, "not-found");
		LoggedIn reader = loggedIn("EDITOR");
		addMember(owner, project, reader.id(), "VIEWER");
		assertThat(get(reader, id).status()).isEqualTo(200);
		assertProblem(patch(reader, id, Map.of("title", "Mine now")), 403, "forbidden");
		// the author may not change what is published, but may take it back to DRAFT
		assertProblem(patch(author, id, Map.of("body", "changed")), 403, "forbidden");
		assertThat(patch(author, id, Map.of("status", "DRAFT")).status()).isEqualTo(200);
		assertProblem(get(reader, id), 404, "not-found");
	}

	@Test
	void everyChangeIsAVersionWithADiffAndRevertMakesANewOne() {
		LoggedIn author = loggedIn("EDITOR");
		UUID id = create(author, Map.of("title", "Runbook", "body", "line one\nline two"));
		patch(author, id, Map.of("body", "line one\nline 2\nline three"));
		patch(author, id, Map.of("title", "Runbook v3"));

		Http.Response versions = this.http.get("/api/v1/articles/" + id + "/versions")
			.token(author.accessToken())
			.send();
		assertThat(versions.status()).isEqualTo(200);
		var items = versions.json().path("items");
		assertThat(items.size()).isEqualTo(3);
		assertThat(items.get(1).path("diff").toString()).isEqualTo("[\"- line two\",\"+ line 2\",\"+ line three\"]");

		Http.Response reverted = this.http.post("/api/v1/articles/" + id + "/revert", Map.of("version", 1))
			.token(author.accessToken())
			.send();
		assertThat(reverted.status()).as(reverted.toString()).isEqualTo(200);
		assertThat(reverted.text("version")).isEqualTo("4");
		assertThat(reverted.text("title")).isEqualTo("Runbook");
		assertThat(reverted.text("body")).isEqualTo("line one\nline two");

		assertProblem(this.http.post("/api/v1/articles/" + id + "/revert", Map.of("version", 99))
			.token(author.accessToken())
			.send(), 400, "validation-error");
	}

	@Test
	void scriptsAndJavascriptLinksNeverReachTheHtml() {
		LoggedIn author = loggedIn("EDITOR");
		String body = "# Title\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) "
				+ "<img src=x onerror=alert(3)>\n\n**bold**";
		UUID id = create(author, Map.of("title", "XSS", "body", body));
		String html = get(author, id).text("html");
		assertThat(html).contains("<h1>Title</h1>").contains("<strong>bold</strong>");
		assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("<img");
	}

	@Test
	void workspaceArticlesArePublishedByAdminsAndReadByEveryone() {
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn anyone = loggedIn("EDITOR");
		assertProblem(this.http.post("/api/v1/articles", Map.of("title", "t", "body", "b", "status", "PUBLISHED"))
			.token(author.accessToken())
			.send(), 403, "forbidden");
		UUID id = create(author,
				Map.of("title", "Holidays 2027", "body", "The office closes on **fridays**.", "status", "REVIEW"));
		assertThat(patch(admin, id, Map.of("status", "PUBLISHED")).status()).isEqualTo(200);
		assertThat(get(anyone, id).status()).isEqualTo(200);
		Http.Response found = this.http.get("/api/v1/articles?q=office%20fridays").token(anyone.accessToken()).send();
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.body()).contains(id.toString());
		assertProblem(this.http.delete("/api/v1/articles/" + id).token(anyone.accessToken()).send(), 403, "forbidden");
		assertThat(this.http.delete("/api/v1/articles/" + id).token(author.accessToken()).send().status())
			.isEqualTo(204);
		assertProblem(get(anyone, id), 404, "not-found");
	}

	@Test
	void badInputIsA400AndAnUnreadableProjectA404() {
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Secret");
		assertProblem(post(author, Map.of("title", " ", "body", "b")), 400, "validation-error");
		assertProblem(post(author, Map.of("title", "t", "body", "a\u0000b")), 400, "validation-error");
		assertProblem(post(author, Map.of("title", "t", "body", "b", "tags", List.of("no spaces allowed"))), 400,
				"validation-error");
		assertProblem(post(author, Map.of("title", "t", "body", "b", "status", "LIVE")), 400, "malformed-request");
		assertProblem(post(author, Map.of("title", "t", "body", "b", "authorId", UUID.randomUUID())), 400,
				"malformed-request");
		assertProblem(post(author, Map.of("title", "t", "body", "x".repeat(100_001))), 400, "validation-error");
		assertProblem(post(author, Map.of("title", "t", "body", "b", "projectId", project)), 404, "not-found");
		assertProblem(get(author, UUID.randomUUID()), 404, "not-found");
		assertProblem(this.http.get("/api/v1/articles?limit=0").token(author.accessToken()).send(), 400,
				"validation-error");
		Map<String, Object> nullTitle = new LinkedHashMap<>();
		nullTitle.put("title", null);
		UUID id = create(author, Map.of("title", "t", "body", "b"));
		Http.Response unchanged = patch(author, id, nullTitle);
		assertThat(unchanged.status()).isEqualTo(200);
		assertThat(unchanged.text("title")).isEqualTo("t");
	}

	private UUID create(LoggedIn user, Map<String, ?> body) {
		Http.Response response = post(user, body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return UUID.fromString(response.text("id"));
	}

	private Http.Response post(LoggedIn user, Map<String, ?> body) {
		return this.http.post("/api/v1/articles", body).token(user.accessToken()).send();
	}

	private Http.Response get(LoggedIn user, UUID id) {
		return this.http.get("/api/v1/articles/" + id).token(user.accessToken()).send();
	}

	private Http.Response patch(LoggedIn user, UUID id, Map<String, ?> body) {
		return this.http.patch("/api/v1/articles/" + id, body).token(user.accessToken()).send();
	}

}
