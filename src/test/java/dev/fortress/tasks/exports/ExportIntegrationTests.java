package dev.fortress.tasks.exports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.platform.Ids;
import dev.fortress.platform.config.FortressProperties;
import dev.fortress.support.Http;
import dev.fortress.tasks.TaskForgeTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exports: queued, run in the background, downloadable, failing clearly, surviving
 * restarts, expiring.
 */
class ExportIntegrationTests extends TaskForgeTest {

	@Autowired
	private ExportWorker worker;

	@Autowired
	private FortressProperties fortress;

	@Autowired
	private ExportJobs jobs;

	@Autowired
	private ExportRunner runner;

	@Test
	void csvJsonAndPdfExportsRunInTheBackgroundAndDownload() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn viewer = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		UUID project = createProject(owner, "Export");
		addMember(owner, project, viewer.id(), "VIEWER");
		UUID category = createCategory(owner, project, "Ops");
		createTask(owner, project, "Plain", "categoryId", category.toString(), "assigneeId", owner.id().toString());
		createTask(owner, project, "Quote \"this\", please", "labels", List.of("a", "b"));
		createTask(owner, project, "=HYPERLINK(\"http://evil\")");

		Http.Response queued = this.http.post("/api/v1/projects/" + project + "/exports", Map.of("format", "csv"))
			.token(viewer.accessToken())
			.send();
		assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
		String location = queued.header("Location");
		assertThat(location).startsWith("/api/v1/exports/");
		assertThat(queued.text("status")).isIn("QUEUED", "RUNNING", "DONE");

		JsonNode done = awaitFinished(viewer, location);
		assertThat(done.path("status").asString()).isEqualTo("DONE");
		assertThat(done.path("progress").asInt()).isEqualTo(100);
		assertThat(Duration.between(Instant.parse(done.path("finishedAt").asString()),
				Instant.parse(done.path("expiresAt").asString())))
			.as("default expiry")
			.isEqualTo(Duration.ofHours(24));
		Http.Response file = this.http.get(location + "/file").token(viewer.accessToken()).send();
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).startsWith("text/csv");
		assertThat(file.header("Content-Disposition")).contains("attachment");
		List<String> lines = file.body().lines().toList();
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).startsWith("id,type,title,status,priority,category,assignee,labels");
		assertThat(file.body()).contains("\"Quote \"\"this\"\", please\"")
			.contains(",Ops,editor,")
			.contains("a;b")
			.contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");

		assertThat(this.http.get(location).token(outsider.accessToken()).send().status()).isEqualTo(404);
		assertThat(this.http.get(location + "/file").token(outsider.accessToken()).send().status()).isEqualTo(404);

		JsonNode json = JsonMapper.builder().build().readTree(download(owner, project, "json", "application/json"));
		assertThat(json.size()).isEqualTo(3);
		assertThat(json.get(0).path("title").asString()).isEqualTo("=HYPERLINK(\"http://evil\")");
		assertThat(download(owner, project, "pdf", "application/pdf")).startsWith("%PDF-");

		Http.Response badFormat = this.http.post("/api/v1/projects/" + project + "/exports", Map.of("format", "xls"))
			.token(owner.accessToken())
			.send();
		assertThat(badFormat.status()).isEqualTo(400);
	}

	@Test
	void bigExportsArePagedAndReachFullProgress() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Big export");
		this.jdbc
			.sql("""
					insert into tasks (id, project_id, type, title, priority, status, version, created_by, created_at, updated_at)
					select gen_random_uuid(), :project, 'TASK', 'Bulk ' || g, 2, 'TODO', 1, :owner,
					       now() - g * interval '1 second', now()
					from generate_series(1, 1234) g
					""")
			.param("project", project)
			.param("owner", owner.id())
			.update();
		JsonNode rows = JsonMapper.builder().build().readTree(download(owner, project, "json", "application/json"));
		assertThat(rows.size()).isEqualTo(1234);
	}

	@Test
	void aJobThatCannotWriteItsFileFailsWithAClearReason() throws Exception {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Broken disk");
		createTask(owner, project, "Anything");
		// a plain file where the project's export directory should be
		Path exports = this.fortress.dataDir().resolve("exports");
		Files.createDirectories(exports);
		Files.writeString(exports.resolve(project.toString()), "not a directory");

		Http.Response queued = this.http.post("/api/v1/projects/" + project + "/exports", Map.of("format", "csv"))
			.token(owner.accessToken())
			.send();
		JsonNode failed = awaitFinished(owner, queued.header("Location"));
		assertThat(failed.path("status").asString()).isEqualTo("FAILED");
		assertThat(failed.path("error").asString()).contains("Could not write the export file");
		assertThat(this.http.get(queued.header("Location") + "/file").token(owner.accessToken()).send().status())
			.isEqualTo(404);
	}

	@Test
	void afterARestartQueuedJobsRunAndInterruptedOnesAreRetriedOnce() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Restart");
		createTask(owner, project, "Survivor");
		awaitIdle();
		// the state a crash leaves behind: one job queued, one cut off on its first run,
		// one cut off on its retry
		UUID queued = job(project, owner.id(), "QUEUED", 0);
		UUID runningOnce = job(project, owner.id(), "RUNNING", 1);
		UUID runningTwice = job(project, owner.id(), "RUNNING", 2);

		this.worker.recover();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(status(queued)).isEqualTo("DONE");
			assertThat(status(runningOnce)).isEqualTo("DONE");
		});
		assertThat(status(runningTwice)).isEqualTo("FAILED");
		Http.Response twice = this.http.get("/api/v1/exports/" + runningTwice).token(owner.accessToken()).send();
		assertThat(twice.text("error")).contains("interrupted twice");
		assertThat(this.jdbc.sql("select attempts from task_exports where id = :id")
			.param("id", runningOnce)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void expiredFilesAreRefusedAndDeleted() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Expiry");
		createTask(owner, project, "Short-lived");
		Http.Response queued = this.http.post("/api/v1/projects/" + project + "/exports", Map.of("format", "csv"))
			.token(owner.accessToken())
			.send();
		String location = queued.header("Location");
		awaitFinished(owner, location);
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		Path file = this.fortress.dataDir().resolve("exports").resolve(project.toString()).resolve(id + ".csv");
		assertThat(file).exists();

		this.jdbc.sql("update task_exports set expires_at = now() - interval '1 minute' where id = :id")
			.param("id", id)
			.update();
		Http.Response expired = this.http.get(location + "/file").token(owner.accessToken()).send();
		assertThat(expired.status()).isEqualTo(404);
		assertThat(expired.text("detail")).contains("expired");
		assertThat(this.http.get(location).token(owner.accessToken()).send().json().path("expired").asBoolean())
			.isTrue();

		this.worker.deleteExpiredFiles();
		assertThat(file).doesNotExist();
	}

	@Test
	void deletingAProjectDeletesItsExportFiles() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Doomed");
		createTask(owner, project, "Gone soon");
		download(owner, project, "csv", "text/csv");
		Path directory = this.fortress.dataDir().resolve("exports").resolve(project.toString());
		assertThat(directory).isDirectory();

		assertThat(this.http.delete("/api/v1/projects/" + project).token(owner.accessToken()).send().status())
			.isEqualTo(204);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(directory).doesNotExist());
	}

	@Test
	void anExportWhoseProjectIsDeletedWhileItRunsLeavesNoFileBehind() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Deleted mid-export");
		createTask(owner, project, "Being exported");
		UUID id = job(project, owner.id(), "RUNNING", 1);
		ExportJob running = this.jobs.find(id).orElseThrow();
		// the project goes (and its job rows with it) while the runner is writing
		this.jdbc.sql("delete from projects where id = :id").param("id", project).update();

		this.runner.run(running);

		assertThat(this.jobs.find(id)).isEmpty();
		assertThat(this.fortress.dataDir().resolve("exports").resolve(project.toString())).doesNotExist();
	}

	private String download(LoggedIn user, UUID project, String format, String contentType) {
		Http.Response queued = this.http.post("/api/v1/projects/" + project + "/exports", Map.of("format", format))
			.token(user.accessToken())
			.send();
		assertThat(queued.status()).isEqualTo(202);
		JsonNode done = awaitFinished(user, queued.header("Location"));
		assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("DONE");
		Http.Response file = this.http.get(queued.header("Location") + "/file").token(user.accessToken()).send();
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).startsWith(contentType);
		return file.body();
	}

	private JsonNode awaitFinished(LoggedIn user, String location) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			last[0] = this.http.get(location).token(user.accessToken()).send().json();
			return List.of("DONE", "FAILED").contains(last[0].path("status").asString());
		});
		return last[0];
	}

	/**
	 * Waits until no job from earlier tests is still running, so recover() touches only
	 * ours.
	 */
	private void awaitIdle() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("select count(*) from task_exports where status in ('QUEUED', 'RUNNING')")
				.query(Integer.class)
				.single() == 0);
	}

	private UUID job(UUID project, UUID user, String status, int attempts) {
		UUID id = Ids.newId();
		this.jdbc.sql("""
				insert into task_exports (id, project_id, requested_by, format, status, attempts, created_at)
				values (:id, :project, :user, 'csv', :status, :attempts, :now)
				""")
			.param("id", id)
			.param("project", project)
			.param("user", user)
			.param("status", status)
			.param("attempts", attempts)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		return id;
	}

	private String status(UUID id) {
		return this.jdbc.sql("select status from task_exports where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

}
