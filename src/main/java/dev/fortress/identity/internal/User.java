package dev.fortress.identity.internal;

import java.time.Instant;
import java.util.UUID;

import dev.fortress.identity.Role;
import dev.fortress.identity.UserSummary;

/**
 * An account. E-mail is stored normalised (trimmed, lower case); the password only as a
 * self-describing hash. {@code version} grows with every change and is the ETag.
 */
public record User(UUID id, String email, String displayName, String passwordHash, Role role, boolean disabled,
		long version, Instant createdAt, Instant updatedAt) {

	static String normalizeEmail(String email) {
		return email.trim().toLowerCase(java.util.Locale.ROOT);
	}

	public UserSummary summary() {
		return new UserSummary(this.id, this.email, this.displayName, this.role, this.disabled);
	}

}
