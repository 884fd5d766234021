package dev.fortress.identity;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin routes: who may use them, and what role and disable changes do. */
class AdministrationIntegrationTests extends IntegrationTest {

	@Test
	void viewersAndEditorsAreForbiddenAdminRoutes() {
		for (String role : new String[] { "VIEWER", "EDITOR" }) {
			LoggedIn user = loggedIn(role);
			assertProblem(this.http.get("/api/v1/admin/users").token(user.accessToken()).send(), 403, "forbidden");
			assertProblem(this.http.patch("/api/v1/admin/users/" + user.id(), Map.of("role", "ADMIN"))
				.token(user.accessToken())
				.send(), 403, "forbidden");
		}
	}

	@Test
	void anonymousCallersAreUnauthorizedNotForbidden() {
		Http.Response response = this.http.get("/api/v1/admin/users").send();
		assertProblem(response, 401, "unauthorized");
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void adminsPageThroughAllUsersWithACursor() {
		LoggedIn admin = loggedIn("ADMIN");
		for (int i = 0; i < 3; i++) {
			newUser("paged");
		}
		Set<String> seen = new HashSet<>();
		String path = "/api/v1/admin/users?limit=2";
		int pages = 0;
		while (path != null && pages < 1000) {
			Http.Response page = this.http.get(path).token(admin.accessToken()).send();
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.json().path("items").size()).isLessThanOrEqualTo(2);
			page.json().path("items").forEach(item -> assertThat(seen.add(item.path("id").asString())).isTrue());
			String next = page.text("nextCursor");
			if (next != null) {
				assertThat(page.header("Link")).contains("rel=\"next\"").contains("cursor=" + next);
			}
			path = next == null ? null : "/api/v1/admin/users?limit=2&cursor=" + next;
			pages++;
		}
		long total = this.jdbc.sql("select count(*) from users").query(Long.class).single();
		assertThat(seen).hasSize((int) total);
	}

	@Test
	void badListParametersAreRejected() {
		LoggedIn admin = loggedIn("ADMIN");
		assertProblem(this.http.get("/api/v1/admin/users?limit=0").token(admin.accessToken()).send(), 400,
				"validation-error");
		assertProblem(this.http.get("/api/v1/admin/users?limit=201").token(admin.accessToken()).send(), 400,
				"validation-error");
		assertProblem(this.http.get("/api/v1/admin/users?limit=abc").token(admin.accessToken()).send(), 400,
				"validation-error");
		assertProblem(this.http.get("/api/v1/admin/users?cursor=%21%21").token(admin.accessToken()).send(), 400,
				"validation-error");
	}

	@Test
	void disablingAnAccountLocksItOutAtOnce() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn victim = loggedIn("EDITOR");
		assertThat(me(victim).status()).isEqualTo(200);
		Http.Response disabled = this.http.patch("/api/v1/admin/users/" + victim.id(), Map.of("disabled", true))
			.token(admin.accessToken())
			.send();
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
		assertProblem(me(victim), 401, "unauthorized");
		assertProblem(this.http.post("/api/v1/auth/refresh", Map.of("refreshToken", victim.refreshToken())).send(), 401,
				"unauthorized");
		assertProblem(
				this.http.post("/api/v1/auth/login", Map.of("email", victim.email(), "password", PASSWORD)).send(), 401,
				"unauthorized");

		this.http.patch("/api/v1/admin/users/" + victim.id(), Map.of("disabled", false))
			.token(admin.accessToken())
			.send();
		assertThat(login(new TestUser(victim.id(), victim.email())).accessToken()).isNotBlank();
	}

	@Test
	void reEnablingAnAccountDoesNotReviveTokensIssuedBeforeItWasDisabled() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn user = loggedIn("EDITOR");
		assertThat(me(user).status()).isEqualTo(200);
		setDisabled(admin, user, true);
		setDisabled(admin, user, false);

		assertProblem(me(user), 401, "unauthorized");
		assertProblem(this.http.post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken())).send(), 401,
				"unauthorized");
		LoggedIn again = login(new TestUser(user.id(), user.email()));
		assertThat(me(again).status()).isEqualTo(200);
	}

	@Test
	void roleChangesTakeEffectOnExistingTokens() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn editor = loggedIn("EDITOR");
		this.http.patch("/api/v1/admin/users/" + editor.id(), Map.of("role", "ADMIN"))
			.token(admin.accessToken())
			.send();
		assertThat(this.http.get("/api/v1/admin/users?limit=1").token(editor.accessToken()).send().status())
			.isEqualTo(200);
		assertThat(me(editor).text("role")).isEqualTo("ADMIN");
	}

	@Test
	void theLastActiveAdminCannotBeDemoted() {
		LoggedIn admin = loggedIn("ADMIN");
		this.jdbc.sql("update users set role = 'EDITOR' where role = 'ADMIN' and id <> :id")
			.param("id", admin.id())
			.update();
		assertProblem(this.http.patch("/api/v1/admin/users/" + admin.id(), Map.of("role", "VIEWER"))
			.token(admin.accessToken())
			.send(), 409, "conflict");
		assertProblem(this.http.patch("/api/v1/admin/users/" + admin.id(), Map.of("disabled", true))
			.token(admin.accessToken())
			.send(), 409, "conflict");
		assertThat(me(admin).text("role")).isEqualTo("ADMIN");
	}

	@Test
	void badUpdatesAreRejected() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn user = loggedIn("EDITOR");
		assertProblem(this.http.patch("/api/v1/admin/users/" + UUID.randomUUID(), Map.of("role", "VIEWER"))
			.token(admin.accessToken())
			.send(), 404, "not-found");
		assertProblem(this.http.patch("/api/v1/admin/users/not-a-uuid", Map.of("role", "VIEWER"))
			.token(admin.accessToken())
			.send(), 400, "validation-error");
		assertProblem(this.http.patch("/api/v1/admin/users/" + user.id(), Map.of("role", "GOD"))
			.token(admin.accessToken())
			.send(), 400, "malformed-request");
		assertProblem(this.http.patch("/api/v1/admin/users/" + user.id(), Map.of()).token(admin.accessToken()).send(),
				400, "validation-error");
		assertThat(me(user).text("role")).isEqualTo("EDITOR");
	}

	private void setDisabled(LoggedIn admin, LoggedIn user, boolean disabled) {
		Http.Response response = this.http.patch("/api/v1/admin/users/" + user.id(), Map.of("disabled", disabled))
			.token(admin.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private Http.Response me(LoggedIn user) {
		return this.http.get("/api/v1/me").token(user.accessToken()).send();
	}

}
