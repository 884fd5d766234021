package dev.fortress.tasks.exports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.Ids;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.internal.ProjectAccess;

/**
 * Export use cases. Exporting is reading, so every member of the project may export and
 * download (a global VIEWER too); nobody else learns that the export exists.
 */
@Service
class ExportService {

	private final ExportJobs jobs;

	private final ExportWorker worker;

	private final ExportRunner runner;

	private final ProjectAccess access;

	private final Clock clock;

	ExportService(ExportJobs jobs, ExportWorker worker, ExportRunner runner, ProjectAccess access, Clock clock) {
		this.jobs = jobs;
		this.worker = worker;
		this.runner = runner;
		this.access = access;
		this.clock = clock;
	}

	/** Queues an export (committed on return) and wakes a worker. */
	ExportJob request(UUID projectId, ExportFormat format, CurrentUser user) {
		this.access.requireViewer(projectId, user);
		UUID id = Ids.newId();
		this.jobs.insert(id, projectId, user.id(), format, this.clock.instant());
		this.worker.wake();
		return this.jobs.find(id).orElseThrow();
	}

	ExportJob get(UUID id, CurrentUser user) {
		ExportJob job = this.jobs.find(id).orElseThrow(() -> ApiException.notFound("Export"));
		if (this.access.effectiveRole(job.projectId(), user).isEmpty()) {
			throw ApiException.notFound("Export");
		}
		return job;
	}

	/** The finished file: 404 until DONE, after expiry, or if it is gone from disk. */
	Path file(UUID id, CurrentUser user) {
		ExportJob job = get(id, user);
		if (job.status() != ExportJob.Status.DONE || job.fileName() == null) {
			throw ApiException.notFound("Export file");
		}
		if (job.expired(this.clock.instant())) {
			throw new ApiException(dev.fortress.platform.web.ProblemType.NOT_FOUND,
					"The export file has expired; request a new export");
		}
		Path file = this.runner.directoryOf(job.projectId()).resolve(job.fileName());
		if (!Files.isRegularFile(file)) {
			throw ApiException.notFound("Export file");
		}
		return file;
	}

}
