package dev.fortress.tasks;

import java.util.UUID;

/**
 * A project was deleted with all its tasks, categories and export jobs.
 *
 * @param projectId the project that no longer exists
 * @param deletedBy who deleted it
 */
public record ProjectDeleted(UUID projectId, UUID deletedBy) {
}
