package dev.fortress.tasks;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cached project roles that authorisation reads (ADR 0050): a repeated read costs no
 * membership statement, and a change of membership counts on this instance from the next
 * request on, although the cache would keep the old role for 10 s.
 */
class MembershipCacheIntegrationTests extends TaskForgeTest {

	@Test
	void aRemovedMemberLosesAccessAtOnce() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		UUID project = createProject(owner, "Cached roles");
		UUID task = createTask(owner, project, "Written by the owner");
		addMember(owner, project, member.id(), "EDITOR");
		statementsOf(member, task);
		int steady = statementsOf(member, task);
		// Setting the same role again invalidates it: the next read pays for the role
		// once.
		addMember(owner, project, member.id(), "EDITOR");
		assertThat(statementsOf(member, task)).as("the role read again after its invalidation").isEqualTo(steady + 1);
		assertThat(statementsOf(member, task)).as("the role from the cache").isEqualTo(steady);

		Http.Response removed = this.http.delete("/api/v1/projects/" + project + "/members/" + member.id())
			.token(owner.accessToken())
			.send();
		assertThat(removed.status()).as(removed.toString()).isEqualTo(204);

		assertThat(getTask(member, task).status()).as("removed: the task is not theirs to see").isEqualTo(404);
		assertThat(patchTask(member, task, Map.of("title", "Still here?")).status()).isEqualTo(404);
	}

	@Test
	void aNewMemberAndAChangedRoleCountAtOnce() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn joiner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Joining");
		UUID task = createTask(owner, project, "Owned");
		assertThat(getTask(joiner, task).status()).as("not a member (and now cached as such)").isEqualTo(404);

		addMember(owner, project, joiner.id(), "VIEWER");
		assertThat(getTask(joiner, task).status()).isEqualTo(200);
		assertThat(patchTask(joiner, task, Map.of("title", "Viewer edit")).status()).isEqualTo(403);

		addMember(owner, project, joiner.id(), "EDITOR");
		Http.Response edited = patchTask(joiner, task, Map.of("title", "Editor edit"));
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
	}

	@Test
	void aDeletedProjectIsGoneForItsMembersAtOnce() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		UUID project = createProject(owner, "Short-lived");
		addMember(owner, project, member.id(), "VIEWER");
		String members = "/api/v1/projects/" + project + "/members";
		assertThat(this.http.get(members).token(member.accessToken()).send().status()).isEqualTo(200);

		Http.Response deleted = this.http.delete("/api/v1/projects/" + project).token(owner.accessToken()).send();
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

		assertThat(this.http.get(members).token(member.accessToken()).send().status()).isEqualTo(404);
	}

	private int statementsOf(LoggedIn user, UUID task) {
		String requestId = "role-" + UUID.randomUUID();
		Http.Response response = this.http.get("/api/v1/tasks/" + task)
			.token(user.accessToken())
			.header("X-Request-Id", requestId)
			.send();
		assertThat(response.status()).isEqualTo(200);
		return StatementCounter.count(requestId);
	}

}
