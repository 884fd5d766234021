package dev.fortress.tasks.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.fortress.platform.config.FortressProperties;
import dev.fortress.tasks.api.TaskView;
import dev.fortress.tasks.internal.ProjectTasks;

/**
 * Runs one claimed export job: reads the project's tasks page by page (through
 * {@link ProjectTasks}), writes them to a temporary file, reports progress after each
 * page, and moves the finished file into place atomically. Failures end the job as FAILED
 * with a reason a user can act on (internals go to the log only).
 */
@Component
class ExportRunner {

	private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

	static final int PAGE = 500;

	private final ExportJobs jobs;

	private final ProjectTasks tasks;

	private final Path directory;

	private final ExportProperties properties;

	private final Clock clock;

	ExportRunner(ExportJobs jobs, ProjectTasks tasks, FortressProperties fortress, ExportProperties properties,
			Clock clock) {
		this.jobs = jobs;
		this.tasks = tasks;
		this.directory = fortress.dataDir().resolve("exports").toAbsolutePath().normalize();
		this.properties = properties;
		this.clock = clock;
	}

	/** Where the files of a project's exports live. */
	Path directoryOf(UUID projectId) {
		return this.directory.resolve(projectId.toString());
	}

	void run(ExportJob job) {
		try {
			String fileName = write(job);
			Instant now = this.clock.instant();
			if (!this.jobs.done(job.id(), fileName, now, now.plus(this.properties.expiry()))) {
				// the project was deleted while we wrote (its jobs went with it) and
				// ExportFiles may have cleaned its folder already: nothing would ever
				// serve or expire this file
				discard(job.projectId(), fileName);
			}
		}
		catch (IOException ex) {
			log.warn("Export {} failed writing its file", job.id(), ex);
			this.jobs.failed(job.id(), "Could not write the export file (storage unavailable); please retry later",
					this.clock.instant());
		}
		catch (RuntimeException ex) {
			log.error("Export {} failed", job.id(), ex);
			this.jobs.failed(job.id(), "The export failed unexpectedly; please retry", this.clock.instant());
		}
	}

	private void discard(UUID projectId, String fileName) throws IOException {
		Path folder = directoryOf(projectId);
		Files.deleteIfExists(folder.resolve(fileName));
		try {
			Files.deleteIfExists(folder);
		}
		catch (DirectoryNotEmptyException ex) {
			// another export of the project is still being written; it cleans up after
			// itself the same way
		}
	}

	private String write(ExportJob job) throws IOException {
		Path folder = directoryOf(job.projectId());
		Files.createDirectories(folder);
		String fileName = job.id() + "." + job.format().extension();
		Path partial = folder.resolve(fileName + ".part");
		int total = Math.max(1, this.tasks.count(job.projectId()));
		Map<UUID, String> categories = this.jobs.categoryNames(job.projectId());
		try (OutputStream out = Files.newOutputStream(partial)) {
			TaskFileWriter writer = TaskFileWriter.open(job.format(), out,
					"Tasks of " + this.jobs.projectName(job.projectId()));
			int written = 0;
			TaskView after = null;
			List<TaskView> page;
			do {
				page = this.tasks.page(job.projectId(), after, PAGE);
				for (TaskView task : page) {
					writer.write(row(task, categories));
				}
				written += page.size();
				if (!page.isEmpty()) {
					after = page.get(page.size() - 1);
				}
				this.jobs.progress(job.id(), Math.min(99, written * 100 / total), this.clock.instant());
			}
			while (page.size() == PAGE);
			writer.finish();
		}
		Files.move(partial, folder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		return fileName;
	}

	private static ExportRow row(TaskView task, Map<UUID, String> categories) {
		return new ExportRow(task.id().toString(), task.type().name(), task.title(), task.status().name(),
				task.priority().name(), task.categoryId() == null ? null : categories.get(task.categoryId()),
				task.assigneeName(), task.labels(), task.dueDate() == null ? null : task.dueDate().toString(),
				task.severity() == null ? null : task.severity().name(), task.storyPoints(),
				task.createdAt().toString());
	}

}
