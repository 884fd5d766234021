package dev.fortress.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, on every TaskForge endpoint: project OWNER, EDITOR and VIEWER, a
 * non-member (404, never 403: no existence leak), a global ADMIN (everything) and a
 * global VIEWER who is an EDITOR in the project (read-only anyway). Each call runs on a
 * fresh project so that destructive calls do not affect the next.
 */
class AccessControlIntegrationTests extends TaskForgeTest {

	private static final List<String> ROLES = List.of("OWNER", "EDITOR", "VIEWER", "OUTSIDER", "ADMIN",
			"GLOBAL_VIEWER");

	private final Map<String, LoggedIn> users = new LinkedHashMap<>();

	private UUID newcomer;

	private Fixture shared;

	@BeforeEach
	void users() {
		if (this.users.isEmpty()) {
			this.users.put("OWNER", loggedIn("EDITOR"));
			this.users.put("EDITOR", loggedIn("EDITOR"));
			this.users.put("VIEWER", loggedIn("EDITOR"));
			this.users.put("OUTSIDER", loggedIn("EDITOR"));
			this.users.put("ADMIN", loggedIn("ADMIN"));
			this.users.put("GLOBAL_VIEWER", loggedIn("VIEWER"));
			this.newcomer = newUser("newcomer").id();
		}
	}

	/** A project (and a second one with the same members) with a category and a task. */
	record Fixture(UUID project, UUID target, UUID category, UUID task, UUID viewerId, UUID newcomer) {
	}

	private Fixture fixture() {
		LoggedIn owner = this.users.get("OWNER");
		UUID project = createProject(owner, "Access");
		UUID target = createProject(owner, "Access target");
		for (UUID p : List.of(project, target)) {
			addMember(owner, p, this.users.get("EDITOR").id(), "EDITOR");
			addMember(owner, p, this.users.get("VIEWER").id(), "VIEWER");
			addMember(owner, p, this.users.get("GLOBAL_VIEWER").id(), "EDITOR");
		}
		UUID category = createCategory(owner, project, "Cat");
		UUID task = createTask(owner, project, "Guarded");
		patchTask(owner, task, Map.of("title", "Guarded v2"));
		return new Fixture(project, target, category, task, this.users.get("VIEWER").id(), this.newcomer);
	}

	private Fixture sharedFixture() {
		if (this.shared == null) {
			this.shared = fixture();
		}
		return this.shared;
	}

	private final List<String> failures = new ArrayList<>();

	private void check(String endpoint, BiFunction<Fixture, Http.Call[], Http.Call> call, int... expected) {
		for (int i = 0; i < ROLES.size(); i++) {
			String role = ROLES.get(i);
			// denied calls and reads change nothing, so they share one fixture
			boolean changes = expected[i] < 300 && !endpoint.startsWith("GET");
			Fixture fixture = changes ? fixture() : sharedFixture();
			Http.Response response = call.apply(fixture, new Http.Call[0])
				.token(this.users.get(role).accessToken())
				.send();
			if (response.status() != expected[i]) {
				this.failures.add(endpoint + " as " + role + ": expected " + expected[i] + " but was " + response);
			}
			else if (expected[i] == 404 || expected[i] == 403) {
				assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			}
		}
	}

	@Test
	void projectEndpoints() {
		check("GET project", (f, x) -> this.http.get("/api/v1/projects/" + f.project()), 200, 200, 200, 404, 200, 200);
		check("PATCH project", (f, x) -> this.http.patch("/api/v1/projects/" + f.project(), Map.of("name", "New")), 200,
				403, 403, 404, 200, 403);
		check("DELETE project", (f, x) -> this.http.delete("/api/v1/projects/" + f.project()), 204, 403, 403, 404, 204,
				403);
		check("GET members", (f, x) -> this.http.get("/api/v1/projects/" + f.project() + "/members"), 200, 200, 200,
				404, 200, 200);
		check("PUT member", (f, x) -> this.http.put("/api/v1/projects/" + f.project() + "/members/" + f.newcomer(),
				Map.of("role", "VIEWER")), 200, 403, 403, 404, 200, 403);
		check("DELETE member",
				(f, x) -> this.http.delete("/api/v1/projects/" + f.project() + "/members/" + f.viewerId()), 204, 403,
				403, 404, 204, 403);
		assertThat(this.failures).isEmpty();
	}

	@Test
	void categoryEndpoints() {
		check("POST category",
				(f, x) -> this.http.post("/api/v1/projects/" + f.project() + "/categories", Map.of("name", "New")), 201,
				201, 403, 404, 201, 403);
		check("GET categories", (f, x) -> this.http.get("/api/v1/projects/" + f.project() + "/categories"), 200, 200,
				200, 404, 200, 200);
		check("PATCH category",
				(f, x) -> this.http.patch("/api/v1/categories/" + f.category(), Map.of("name", "Renamed")), 200, 200,
				403, 404, 200, 403);
		check("DELETE category", (f, x) -> this.http.delete("/api/v1/categories/" + f.category()), 204, 204, 403, 404,
				204, 403);
		assertThat(this.failures).isEmpty();
	}

	@Test
	void taskEndpoints() {
		check("POST task", (f, x) -> this.http.post("/api/v1/projects/" + f.project() + "/tasks",
				Map.of("title", "t", "type", "TASK", "priority", "LOW")), 201, 201, 403, 404, 201, 403);
		check("GET tasks", (f, x) -> this.http.get("/api/v1/tasks?projectId=" + f.project()), 200, 200, 200, 404, 200,
				200);
		check("GET task", (f, x) -> this.http.get("/api/v1/tasks/" + f.task()), 200, 200, 200, 404, 200, 200);
		check("PATCH task", (f, x) -> this.http.patch("/api/v1/tasks/" + f.task(), Map.of("priority", "HIGH")), 200,
				200, 403, 404, 200, 403);
		check("DELETE task", (f, x) -> this.http.delete("/api/v1/tasks/" + f.task()), 204, 204, 403, 404, 204, 403);
		check("POST move",
				(f, x) -> this.http.post("/api/v1/tasks/" + f.task() + "/move", Map.of("projectId", f.target())), 200,
				200, 403, 404, 200, 403);
		check("GET history", (f, x) -> this.http.get("/api/v1/tasks/" + f.task() + "/history"), 200, 200, 200, 404, 200,
				200);
		check("POST revert", (f, x) -> this.http.post("/api/v1/tasks/" + f.task() + "/revert", Map.of("version", 1)),
				200, 200, 403, 404, 200, 403);
		check("GET comments", (f, x) -> this.http.get("/api/v1/tasks/" + f.task() + "/comments"), 200, 200, 200, 404,
				200, 200);
		check("POST comment",
				(f, x) -> this.http.post("/api/v1/tasks/" + f.task() + "/comments", Map.of("body", "hello")), 201, 201,
				403, 404, 201, 403);
		assertThat(this.failures).isEmpty();
	}

	@Test
	void reportAndExportEndpoints() {
		check("GET report", (f, x) -> this.http.get("/api/v1/projects/" + f.project() + "/reports/summary"), 200, 200,
				200, 404, 200, 200);
		check("POST export",
				(f, x) -> this.http.post("/api/v1/projects/" + f.project() + "/exports", Map.of("format", "csv")), 202,
				202, 202, 404, 202, 202);
		assertThat(this.failures).isEmpty();
	}

	@Test
	void listsShowOnlyWhatTheCallerMaySee() {
		Fixture fixture = fixture();
		Http.Response outsider = this.http.get("/api/v1/tasks?limit=200")
			.token(this.users.get("OUTSIDER").accessToken())
			.send();
		assertThat(outsider.body()).doesNotContain(fixture.task().toString());
		Http.Response projects = this.http.get("/api/v1/projects?limit=200")
			.token(this.users.get("OUTSIDER").accessToken())
			.send();
		assertThat(projects.body()).doesNotContain(fixture.project().toString());
		Http.Response viewer = this.http.get("/api/v1/tasks?projectId=" + fixture.project())
			.token(this.users.get("VIEWER").accessToken())
			.send();
		assertThat(viewer.body()).contains(fixture.task().toString());
		Http.Response unknown = this.http.get("/api/v1/projects/" + UUID.randomUUID())
			.token(this.users.get("OUTSIDER").accessToken())
			.send();
		Http.Response hidden = this.http.get("/api/v1/projects/" + fixture.project())
			.token(this.users.get("OUTSIDER").accessToken())
			.send();
		assertThat(hidden.json().path("detail")).as("a hidden project looks exactly like a missing one")
			.isEqualTo(unknown.json().path("detail"));
		Http.Response anonymous = this.http.get("/api/v1/projects/" + fixture.project()).send();
		assertThat(anonymous.status()).isEqualTo(401);
	}

	@Test
	void globalViewersCannotCreateProjectsAndTheLastOwnerStays() {
		Http.Response created = this.http.post("/api/v1/projects", Map.of("name", "nope"))
			.token(this.users.get("GLOBAL_VIEWER").accessToken())
			.send();
		assertThat(created.status()).isEqualTo(403);
		LoggedIn owner = this.users.get("OWNER");
		UUID project = createProject(owner, "Owners");
		Http.Response demote = this.http
			.put("/api/v1/projects/" + project + "/members/" + owner.id(), Map.of("role", "EDITOR"))
			.token(owner.accessToken())
			.send();
		assertThat(demote.status()).isEqualTo(409);
		Http.Response leave = this.http.delete("/api/v1/projects/" + project + "/members/" + owner.id())
			.token(owner.accessToken())
			.send();
		assertThat(leave.status()).isEqualTo(409);
		Http.Response unknownUser = this.http
			.put("/api/v1/projects/" + project + "/members/" + UUID.randomUUID(), Map.of("role", "EDITOR"))
			.token(owner.accessToken())
			.send();
		assertThat(unknownUser.status()).isEqualTo(404);
	}

}
