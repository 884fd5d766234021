package dev.fortress.tasks.exports;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One export. Lifecycle: QUEUED → RUNNING → DONE or FAILED. A job interrupted while
 * RUNNING (the server stopped) is queued again once at start-up; a second interruption
 * fails it. A DONE file is downloadable until {@code expiresAt}, then deleted.
 */
record ExportJob(UUID id, UUID projectId, UUID requestedBy, ExportFormat format, Status status, int progress,
		int attempts, @Nullable String error, @Nullable String fileName, Instant createdAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt, @Nullable Instant expiresAt, @Nullable Instant fileDeletedAt) {

	enum Status {

		QUEUED, RUNNING, DONE, FAILED

	}

	boolean expired(Instant now) {
		return this.fileDeletedAt != null || (this.expiresAt != null && !now.isBefore(this.expiresAt));
	}

}
