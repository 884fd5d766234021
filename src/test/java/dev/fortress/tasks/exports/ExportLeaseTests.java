package dev.fortress.tasks.exports;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Export jobs with several instances: a running job whose instance is alive (its lease
 * runs) is never taken over; one whose instance died (its lease ran out) is run again
 * once by any instance, and fails for good the second time.
 */
class ExportLeaseTests extends IntegrationTest {

	@Autowired
	ExportJobs jobs;

	@Test
	void onlyJobsWhoseLeaseRanOutAreTakenOver() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = UUID.fromString(this.http.post("/api/v1/projects", Map.of("name", "Leased exports"))
			.token(owner.accessToken())
			.send()
			.text("id"));
		Instant now = Instant.now();
		UUID alive = running(project, owner.id(), 1, now.plus(Duration.ofHours(1)));
		UUID crashed = running(project, owner.id(), 1, now.minusSeconds(1));
		UUID crashedTwice = running(project, owner.id(), 2, now.minusSeconds(1));

		this.jobs.recoverInterrupted(now);

		assertThat(status(alive)).isEqualTo("RUNNING");
		assertThat(status(crashedTwice)).isEqualTo("FAILED");
		// queued again, then run to the end by this instance's workers
		await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(status(crashed)));
		assertThat(this.jobs.find(crashed).orElseThrow().attempts()).isEqualTo(2);
		assertThat(status(alive)).as("a live instance's job is never run twice").isEqualTo("RUNNING");
		assertThat(this.jobs.find(alive).orElseThrow().attempts()).isEqualTo(1);
		settle(alive);
	}

	@Test
	void progressRenewsTheLease() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = UUID.fromString(this.http.post("/api/v1/projects", Map.of("name", "Renewed lease"))
			.token(owner.accessToken())
			.send()
			.text("id"));
		Instant now = Instant.now();
		UUID job = running(project, owner.id(), 1, now.minusSeconds(1));
		this.jobs.progress(job, 40, now);

		this.jobs.recoverInterrupted(now.plusSeconds(1));

		assertThat(status(job)).isEqualTo("RUNNING");
		settle(job);
	}

	/** The fake "live" job ends, so other tests find no export running. */
	private void settle(UUID id) {
		this.jdbc.sql("update task_exports set status = 'FAILED', error = 'test' where id = :id")
			.param("id", id)
			.update();
	}

	private UUID running(UUID project, UUID user, int attempts, Instant leaseUntil) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into task_exports (id, project_id, requested_by, format, status, attempts, created_at, started_at,
					    lease_until)
					values (:id, :project, :user, 'csv', 'RUNNING', :attempts, now(), now(), :lease)
					""")
			.param("id", id)
			.param("project", project)
			.param("user", user)
			.param("attempts", attempts)
			.param("lease", Timestamp.from(leaseUntil))
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
