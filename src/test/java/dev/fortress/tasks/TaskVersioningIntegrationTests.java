package dev.fortress.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** ETag/If-Match, concurrent updates, and the history with revert. */
class TaskVersioningIntegrationTests extends TaskForgeTest {

	@Test
	void staleIfMatchIsRejectedWith412AndChangesNothing() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "ETags");
		UUID task = createTask(owner, project, "v1");
		assertThat(getTask(owner, task).header("ETag")).isEqualTo("\"1\"");

		Http.Response fresh = this.http.patch("/api/v1/tasks/" + task, Map.of("title", "v2"))
			.token(owner.accessToken())
			.header("If-Match", "\"1\"")
			.send();
		assertThat(fresh.status()).isEqualTo(200);
		assertThat(fresh.header("ETag")).isEqualTo("\"2\"");

		Http.Response stale = this.http.patch("/api/v1/tasks/" + task, Map.of("title", "lost"))
			.token(owner.accessToken())
			.header("If-Match", "\"1\"")
			.send();
		assertThat(stale.status()).isEqualTo(412);
		assertThat(slug(stale)).isEqualTo("precondition-failed");
		Http.Response after = getTask(owner, task);
		assertThat(after.text("title")).isEqualTo("v2");
		assertThat(after.header("ETag")).isEqualTo("\"2\"");
		assertThat(history(owner, task).size()).isEqualTo(2);

		Http.Response garbage = this.http.patch("/api/v1/tasks/" + task, Map.of("title", "x"))
			.token(owner.accessToken())
			.header("If-Match", "\"not-a-version\"")
			.send();
		assertThat(garbage.status()).isEqualTo(412);
		Http.Response staleRevert = this.http.post("/api/v1/tasks/" + task + "/revert", Map.of("version", 1))
			.token(owner.accessToken())
			.header("If-Match", "\"1\"")
			.send();
		assertThat(staleRevert.status()).isEqualTo(412);
	}

	@Test
	void concurrentPatchesWithoutIfMatchNeverLoseAnUpdate() throws Exception {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Race");
		UUID task = createTask(owner, project, "race", "type", "FEATURE");
		List<Map<String, Object>> patches = List.of(Map.of("title", "raced"), Map.of("description", "all here"),
				Map.of("priority", "URGENT"), Map.of("status", "BLOCKED"), Map.of("dueDate", "2030-06-01"),
				Map.of("storyPoints", 8), Map.of("labels", List.of("concurrency")));
		ExecutorService threads = Executors.newFixedThreadPool(patches.size());
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Http.Response>> responses = new ArrayList<>();
		try {
			for (Map<String, Object> patch : patches) {
				Http client = new Http(this.port);
				responses.add(CompletableFuture.supplyAsync(() -> {
					await(start);
					return client.patch("/api/v1/tasks/" + task, patch).token(owner.accessToken()).send();
				}, threads));
			}
			start.countDown();
			for (CompletableFuture<Http.Response> response : responses) {
				assertThat(response.get().status()).as(response.get().toString()).isEqualTo(200);
			}
		}
		finally {
			threads.shutdownNow();
		}
		JsonNode after = getTask(owner, task).json();
		assertThat(after.path("title").asString()).isEqualTo("raced");
		assertThat(after.path("description").asString()).isEqualTo("all here");
		assertThat(after.path("priority").asString()).isEqualTo("URGENT");
		assertThat(after.path("status").asString()).isEqualTo("BLOCKED");
		assertThat(after.path("dueDate").asString()).isEqualTo("2030-06-01");
		assertThat(after.path("storyPoints").asInt()).isEqualTo(8);
		assertThat(after.path("labels").toString()).isEqualTo("[\"concurrency\"]");
		assertThat(after.path("version").asLong()).isEqualTo(1 + patches.size());
		assertThat(history(owner, task).size()).isEqualTo(1 + patches.size());
	}

	@Test
	void historyRecordsWhoChangedWhatAndRevertRestoresAVersionAsANewOne() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn mate = loggedIn("EDITOR");
		UUID project = createProject(owner, "History");
		addMember(owner, project, mate.id(), "EDITOR");
		UUID task = createTask(owner, project, "first title", "labels", List.of("a"));
		assertThat(this.http.patch("/api/v1/tasks/" + task, Map.of("title", "second title", "priority", "HIGH"))
			.token(mate.accessToken())
			.send()
			.status()).isEqualTo(200);
		patchTask(owner, task, Map.of("labels", List.of("b", "c"), "status", "DONE"));

		JsonNode history = history(owner, task);
		assertThat(history.size()).isEqualTo(3);
		assertThat(history.get(0).path("action").asString()).isEqualTo("CREATED");
		JsonNode second = history.get(1);
		assertThat(second.path("action").asString()).isEqualTo("UPDATED");
		assertThat(second.path("changedBy").asString()).isEqualTo(mate.id().toString());
		assertThat(second.path("changes").path("title").path("from").asString()).isEqualTo("first title");
		assertThat(second.path("changes").path("title").path("to").asString()).isEqualTo("second title");
		assertThat(second.path("changes").path("priority").path("to").asString()).isEqualTo("HIGH");
		assertThat(second.path("changes").has("labels")).isFalse();
		assertThat(history.get(2).path("changes").path("labels").path("to").toString()).isEqualTo("[\"b\",\"c\"]");

		Http.Response reverted = this.http.post("/api/v1/tasks/" + task + "/revert", Map.of("version", 1))
			.token(owner.accessToken())
			.send();
		assertThat(reverted.status()).as(reverted.toString()).isEqualTo(200);
		JsonNode body = reverted.json();
		assertThat(body.path("title").asString()).isEqualTo("first title");
		assertThat(body.path("priority").asString()).isEqualTo("MEDIUM");
		assertThat(body.path("status").asString()).isEqualTo("TODO");
		assertThat(body.path("labels").toString()).isEqualTo("[\"a\"]");
		assertThat(body.path("completedAt").isNull()).isTrue();
		assertThat(body.path("version").asLong()).isEqualTo(4);

		JsonNode after = history(owner, task);
		assertThat(after.size()).as("history is append-only").isEqualTo(4);
		assertThat(after.get(3).path("action").asString()).isEqualTo("REVERTED");
		assertThat(after.get(3).path("changes").path("title").path("from").asString()).isEqualTo("second title");
		assertThat(after.get(1).toString()).isEqualTo(history.get(1).toString());

		Http.Response missing = this.http.post("/api/v1/tasks/" + task + "/revert", Map.of("version", 99))
			.token(owner.accessToken())
			.send();
		assertThat(missing.status()).isEqualTo(400);
		Http.Response zero = this.http.post("/api/v1/tasks/" + task + "/revert", Map.of("version", 0))
			.token(owner.accessToken())
			.send();
		assertThat(zero.status()).isEqualTo(400);
	}

	private JsonNode history(LoggedIn user, UUID task) {
		Http.Response response = this.http.get("/api/v1/tasks/" + task + "/history").token(user.accessToken()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().path("items");
	}

	@Test
	void deletingACategoryOrAMemberChangesTheirTasksAsNewVersions() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		UUID project = createProject(owner, "References");
		addMember(owner, project, member.id(), "EDITOR");
		UUID category = createCategory(owner, project, "Doomed");
		UUID task = createTask(owner, project, "Filed", "categoryId", category.toString(), "assigneeId",
				member.id().toString());

		Http.Response deleted = this.http.delete("/api/v1/categories/" + category).token(owner.accessToken()).send();
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
		Http.Response uncategorised = getTask(owner, task);
		assertThat(uncategorised.json().path("categoryId").isNull()).isTrue();
		// the representation changed, so the ETag must too, and the history must say why
		assertThat(uncategorised.header("ETag")).isEqualTo("\"2\"");

		Http.Response removed = this.http.delete("/api/v1/projects/" + project + "/members/" + member.id())
			.token(owner.accessToken())
			.send();
		assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
		assertThat(getTask(owner, task).header("ETag")).isEqualTo("\"3\"");

		JsonNode history = this.http.get("/api/v1/tasks/" + task + "/history")
			.token(owner.accessToken())
			.send()
			.json()
			.path("items");
		assertThat(history.size()).isEqualTo(3);
		assertThat(history.get(1).path("changes").path("categoryId").path("from").asString())
			.isEqualTo(category.toString());
		assertThat(history.get(1).path("changes").path("categoryId").path("to").isNull()).isTrue();
		assertThat(history.get(2).path("changes").path("assigneeId").path("from").asString())
			.isEqualTo(member.id().toString());
	}

	@Test
	void twoTasksMadeEachOthersParentAtOnceNeverFormACycle() throws Exception {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Cycles");
		UUID x = createTask(owner, project, "x");
		UUID y = createTask(owner, project, "y");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				CountDownLatch start = new CountDownLatch(1);
				CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> {
					await(start);
					return patchTask(owner, x, Map.of("parentId", y.toString()));
				}, pool);
				CompletableFuture<Http.Response> second = CompletableFuture.supplyAsync(() -> {
					await(start);
					return patchTask(owner, y, Map.of("parentId", x.toString()));
				}, pool);
				start.countDown();
				List<Integer> statuses = List.of(first.get().status(), second.get().status());
				// one wins; the other sees the cycle (400) or loses the deadlock (409)
				assertThat(statuses).as("round " + round).containsOnlyOnce(200);
				assertThat(statuses).as("round " + round).allMatch(s -> s == 200 || s == 400 || s == 409);
				Integer cycles = this.jdbc
					.sql("select count(*) from tasks a join tasks b on a.parent_id = b.id and b.parent_id = a.id "
							+ "where a.id = :x")
					.param("x", x)
					.query(Integer.class)
					.single();
				assertThat(cycles).as("round " + round).isZero();
				patchTask(owner, x, "{\"parentId\":null}");
				patchTask(owner, y, "{\"parentId\":null}");
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
