package dev.fortress.tasks.api;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A project: the unit of access. Its creator becomes its first OWNER; it always keeps at
 * least one owner who can act. Deleting it deletes its tasks, categories and exports.
 *
 * @param callerRole the role of the user who asked for it, if they are a member
 */
public record Project(UUID id, String name, @Nullable String description, UUID createdBy, long version,
		Instant createdAt, Instant updatedAt, @Nullable ProjectRole callerRole) {
}
