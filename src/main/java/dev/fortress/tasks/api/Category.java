package dev.fortress.tasks.api;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A category of tasks within one project; names are unique per project, ignoring case.
 */
public record Category(UUID id, UUID projectId, String name, @Nullable String color, long version, Instant createdAt) {
}
