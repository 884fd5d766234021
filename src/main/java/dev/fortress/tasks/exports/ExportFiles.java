package dev.fortress.tasks.exports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.fortress.tasks.ProjectDeleted;

/**
 * Removes a deleted project's export files. The job rows went with the project (on delete
 * cascade); the files are not in the database, so they follow the event, after the
 * deletion has committed. Idempotent: a redelivered event finds nothing to delete.
 */
@Component
class ExportFiles {

	private static final Logger log = LoggerFactory.getLogger(ExportFiles.class);

	private final ExportRunner runner;

	ExportFiles(ExportRunner runner) {
		this.runner = runner;
	}

	@ApplicationModuleListener
	void on(ProjectDeleted event) throws IOException {
		Path directory = this.runner.directoryOf(event.projectId());
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		log.info("Deleted the export files of project {}", event.projectId());
	}

}
