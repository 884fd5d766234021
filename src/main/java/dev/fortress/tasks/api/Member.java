package dev.fortress.tasks.api;

import java.time.Instant;
import java.util.UUID;

/** A user's membership in a project. */
public record Member(UUID projectId, UUID userId, ProjectRole role, Instant addedAt) {
}
