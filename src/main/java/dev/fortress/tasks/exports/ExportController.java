package dev.fortress.tasks.exports;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;

@RestController
@Tag(name = "TaskForge exports", description = "Background CSV/JSON/PDF exports of a project's tasks")
class ExportController {

	private final ExportService exports;

	private final Clock clock;

	ExportController(ExportService exports, Clock clock) {
		this.exports = exports;
		this.clock = clock;
	}

	@PostMapping("/api/v1/projects/{projectId}/exports")
	@Operation(summary = "Queue an export (any member)",
			description = "202 with Location of the export; poll it until DONE, then download /file.")
	ResponseEntity<ExportView> request(@PathVariable UUID projectId, @Valid @RequestBody ExportRequest request,
			CurrentUser user) {
		ExportJob job = this.exports.request(projectId, ExportFormat.of(request.format()), user);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/exports/" + job.id()))
			.body(ExportView.of(job, this.clock.instant()));
	}

	@GetMapping("/api/v1/exports/{id}")
	@Operation(summary = "Status and progress of an export", description = "error explains a FAILED export.")
	ExportView get(@PathVariable UUID id, CurrentUser user) {
		return ExportView.of(this.exports.get(id, user), this.clock.instant());
	}

	@GetMapping("/api/v1/exports/{id}/file")
	@Operation(summary = "Download a finished export", description = "404 until DONE and after it expires.")
	ResponseEntity<Resource> file(@PathVariable UUID id, CurrentUser user) {
		ExportJob job = this.exports.get(id, user);
		Path file = this.exports.file(id, user);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(job.format().contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("tasks-" + job.projectId() + "." + job.format().extension())
						.build()
						.toString())
			.body(new FileSystemResource(file));
	}

	record ExportRequest(
			@NotNull @Pattern(regexp = "csv|json|pdf", message = "must be csv, json or pdf") String format) {
	}

	record ExportView(UUID id, UUID projectId, String format, String status, int progress, @Nullable String error,
			Instant createdAt, @Nullable Instant finishedAt, @Nullable Instant expiresAt, boolean expired,
			@Nullable String file) {

		static ExportView of(ExportJob job, Instant now) {
			boolean done = job.status() == ExportJob.Status.DONE;
			boolean expired = job.expired(now);
			return new ExportView(job.id(), job.projectId(), job.format().extension(), job.status().name(),
					job.progress(), job.error(), job.createdAt(), job.finishedAt(), job.expiresAt(), done && expired,
					done && !expired ? "/api/v1/exports/" + job.id() + "/file" : null);
		}

	}

}
