package dev.fortress.tasks.exports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code task_exports} table, which is also the work queue. */
@Repository
class ExportJobs {

	private final JdbcClient jdbc;

	private final Duration lease;

	ExportJobs(JdbcClient jdbc, ExportProperties properties) {
		this.jdbc = jdbc;
		this.lease = properties.lease();
	}

	void insert(UUID id, UUID projectId, UUID requestedBy, ExportFormat format, Instant now) {
		this.jdbc.sql("""
				insert into task_exports (id, project_id, requested_by, format, status, created_at)
				values (:id, :projectId, :requestedBy, :format, 'QUEUED', :now)
				""")
			.param("id", id)
			.param("projectId", projectId)
			.param("requestedBy", requestedBy)
			.param("format", format.extension())
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<ExportJob> find(UUID id) {
		return this.jdbc.sql("select * from task_exports where id = :id")
			.param("id", id)
			.query(ExportJobs::map)
			.optional();
	}

	/**
	 * Takes the oldest queued job for this worker, with a lease: until it runs out, the
	 * job belongs to this instance. SKIP LOCKED lets several workers (and instances)
	 * claim different jobs without waiting on each other.
	 */
	Optional<ExportJob> claimNext(Instant now) {
		return this.jdbc.sql("""
				update task_exports set status = 'RUNNING', attempts = attempts + 1, started_at = :now, progress = 0,
				       lease_until = :leaseUntil
				where id = (select id from task_exports where status = 'QUEUED'
				            order by created_at, id for update skip locked limit 1)
				returning *
				""")
			.param("now", Timestamp.from(now))
			.param("leaseUntil", Timestamp.from(now.plus(this.lease)))
			.query(ExportJobs::map)
			.optional();
	}

	/** Records progress, which renews the job's lease. */
	void progress(UUID id, int percent, Instant now) {
		this.jdbc
			.sql("""
					update task_exports set progress = :percent, lease_until = :leaseUntil where id = :id and status = 'RUNNING'
					""")
			.param("id", id)
			.param("percent", percent)
			.param("leaseUntil", Timestamp.from(now.plus(this.lease)))
			.update();
	}

	/**
	 * @return false if the job no longer exists (its project was deleted meanwhile)
	 */
	boolean done(UUID id, String fileName, Instant now, Instant expiresAt) {
		return this.jdbc.sql("""
				update task_exports set status = 'DONE', progress = 100, file_name = :fileName, finished_at = :now,
				       expires_at = :expiresAt, error = null
				where id = :id
				""")
			.param("id", id)
			.param("fileName", fileName)
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(expiresAt))
			.update() == 1;
	}

	void failed(UUID id, String error, Instant now) {
		this.jdbc.sql("update task_exports set status = 'FAILED', error = :error, finished_at = :now where id = :id")
			.param("id", id)
			.param("error", error)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Jobs whose lease ran out were interrupted: their instance stopped or died. Retry
	 * each once (any instance may take it); a job that was already retried fails with a
	 * reason. A job whose instance is alive keeps its lease and is left alone.
	 * @return how many jobs were queued again
	 */
	int recoverInterrupted(Instant now) {
		Timestamp at = Timestamp.from(now);
		this.jdbc.sql("""
				update task_exports set status = 'FAILED', finished_at = :now,
				       error = 'The export was interrupted twice (its server stopped) and was not retried again'
				where status = 'RUNNING' and attempts >= 2 and (lease_until is null or lease_until < :now)
				""").param("now", at).update();
		return this.jdbc.sql("""
				update task_exports set status = 'QUEUED', progress = 0, lease_until = null
				where status = 'RUNNING' and (lease_until is null or lease_until < :now)
				""").param("now", at).update();
	}

	/** Finished jobs whose files have expired but are still on disk. */
	List<ExportJob> expiredFiles(Instant now) {
		return this.jdbc.sql("""
				select * from task_exports
				where status = 'DONE' and expires_at <= :now and file_deleted_at is null
				order by expires_at limit 100
				""").param("now", Timestamp.from(now)).query(ExportJobs::map).list();
	}

	void fileDeleted(UUID id, Instant now) {
		this.jdbc.sql("update task_exports set file_deleted_at = :now where id = :id")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

	String projectName(UUID projectId) {
		return this.jdbc.sql("select name from projects where id = :id")
			.param("id", projectId)
			.query(String.class)
			.optional()
			.orElse("Project");
	}

	Map<UUID, String> categoryNames(UUID projectId) {
		Map<UUID, String> names = new HashMap<>();
		this.jdbc.sql("select id, name from categories where project_id = :projectId")
			.param("projectId", projectId)
			.query((rs, n) -> names.put(rs.getObject("id", UUID.class), rs.getString("name")))
			.list();
		return names;
	}

	private static ExportJob map(ResultSet rs, int row) throws SQLException {
		return new ExportJob(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getObject("requested_by", UUID.class), ExportFormat.of(rs.getString("format")),
				ExportJob.Status.valueOf(rs.getString("status")), rs.getInt("progress"), rs.getInt("attempts"),
				rs.getString("error"), rs.getString("file_name"), rs.getTimestamp("created_at").toInstant(),
				instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
				instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("file_deleted_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
