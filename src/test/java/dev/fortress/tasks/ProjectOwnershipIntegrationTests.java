package dev.fortress.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project always keeps an owner who can act: an OWNER row only counts when its account
 * is enabled and not a global VIEWER (read-only everywhere, so unable to manage the
 * project). The last such owner can neither leave nor be demoted, also when two owners
 * demote each other at the same moment.
 */
class ProjectOwnershipIntegrationTests extends TaskForgeTest {

	@Test
	void anOwnerWhoIsAGlobalViewerDoesNotKeepTheProjectManaged() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn watcher = loggedIn("EDITOR");
		UUID project = createProject(owner, "Watched");
		addMember(owner, project, watcher.id(), "OWNER");
		setAccount(watcher.id(), Map.of("role", "VIEWER"));

		assertThat(changeRole(owner, project, owner.id(), "EDITOR").status()).isEqualTo(409);
		assertThat(remove(owner, project, owner.id()).status()).isEqualTo(409);
		assertThat(roleOf(owner, project, owner.id())).isEqualTo("OWNER");

		assertThat(changeRole(owner, project, watcher.id(), "VIEWER").status())
			.as("demoting an owner who cannot act takes nothing away")
			.isEqualTo(200);
	}

	@Test
	void aDisabledOwnerDoesNotKeepTheProjectManaged() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn leaver = loggedIn("EDITOR");
		UUID project = createProject(owner, "Left behind");
		addMember(owner, project, leaver.id(), "OWNER");
		setAccount(leaver.id(), Map.of("disabled", true));

		assertThat(remove(owner, project, owner.id()).status()).isEqualTo(409);
		assertThat(changeRole(owner, project, owner.id(), "VIEWER").status()).isEqualTo(409);
		assertThat(roleOf(owner, project, owner.id())).isEqualTo("OWNER");

		assertThat(remove(owner, project, leaver.id()).status()).isEqualTo(204);
	}

	@Test
	void anotherOwnerWhoCanActLetsAnOwnerStepDown() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn successor = loggedIn("EDITOR");
		UUID project = createProject(owner, "Handed over");
		addMember(owner, project, successor.id(), "OWNER");

		assertThat(changeRole(owner, project, owner.id(), "EDITOR").status()).isEqualTo(200);
		assertThat(changeRole(successor, project, successor.id(), "EDITOR").status()).isEqualTo(409);
	}

	/**
	 * Each round: owners A and B (who can act) and C (a global VIEWER) in a fresh
	 * project; A demotes (or removes) B while B demotes (or removes) A, on two threads
	 * released together. At most one may succeed, and A or B is still an owner.
	 */
	@Test
	void twoConcurrentDemotionsOfTheLastTwoOwnersWhoCanActLeaveOne() throws Exception {
		LoggedIn watcher = loggedIn("EDITOR");
		setAccount(watcher.id(), Map.of("role", "VIEWER"));
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 6; round++) {
				LoggedIn a = loggedIn("EDITOR");
				LoggedIn b = loggedIn("EDITOR");
				UUID project = createProject(a, "Race " + round);
				addMember(a, project, b.id(), "OWNER");
				addMember(a, project, watcher.id(), "OWNER");
				boolean demote = round % 2 == 0;
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Integer> first = threads.submit(step(start, () -> demote
						? changeRole(a, project, b.id(), "EDITOR").status() : remove(a, project, b.id()).status()));
				Future<Integer> second = threads.submit(step(start, () -> demote
						? changeRole(b, project, a.id(), "EDITOR").status() : remove(b, project, a.id()).status()));
				List<Integer> statuses = List.of(first.get(), second.get());

				assertThat(statuses.stream().filter(status -> status < 300).count())
					.as("round %d (%s): %s", round, demote ? "demote" : "remove", statuses)
					.isLessThanOrEqualTo(1);
				// the loser is refused: 409 (last owner who can act), or 403/404 when the
				// winner has already demoted or removed the loser
				assertThat(statuses).allMatch(status -> status < 300 || List.of(403, 404, 409).contains(status));
				List<String> roles = new ArrayList<>();
				roles.add(roleOf(watcher, project, a.id()));
				roles.add(roleOf(watcher, project, b.id()));
				assertThat(roles).as("round %d: A and B are %s", round, roles).contains("OWNER");
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static Callable<Integer> step(CyclicBarrier start, Callable<Integer> call) {
		return () -> {
			start.await();
			return call.call();
		};
	}

	private Http.Response changeRole(LoggedIn caller, UUID project, UUID member, String role) {
		return new Http(this.port).put("/api/v1/projects/" + project + "/members/" + member, Map.of("role", role))
			.token(caller.accessToken())
			.send();
	}

	private Http.Response remove(LoggedIn caller, UUID project, UUID member) {
		return new Http(this.port).delete("/api/v1/projects/" + project + "/members/" + member)
			.token(caller.accessToken())
			.send();
	}

	/** The member's project role as the members list shows it, null if not a member. */
	private String roleOf(LoggedIn reader, UUID project, UUID member) {
		Http.Response members = this.http.get("/api/v1/projects/" + project + "/members")
			.token(reader.accessToken())
			.send();
		assertThat(members.status()).as(members.toString()).isEqualTo(200);
		for (var item : members.json().get("items")) {
			if (item.path("userId").asString().equals(member.toString())) {
				return item.path("role").asString();
			}
		}
		return null;
	}

	/** Changes a global account through the administration API, as an admin would. */
	private void setAccount(UUID userId, Map<String, Object> change) {
		LoggedIn admin = loggedIn("ADMIN");
		Http.Response response = this.http.patch("/api/v1/admin/users/" + userId, change)
			.token(admin.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

}
