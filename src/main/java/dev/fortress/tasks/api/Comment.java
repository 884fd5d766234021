package dev.fortress.tasks.api;

import java.time.Instant;
import java.util.UUID;

/** A comment on a task. */
public record Comment(UUID id, UUID taskId, UUID authorId, String body, Instant createdAt) {
}
