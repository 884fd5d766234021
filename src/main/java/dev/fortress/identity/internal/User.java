package dev.fortress.identity.internal;

import java.time.Instant;
import java.util.UUID;

import dev.fortress.identity.Role;
import dev.fortress.identity.UserSummary;

/**
 * An account. E-mail is stored normalised (trimmed, lower case); the password only as a
 * self-describing hash. {@code version} grows with every change and is the ETag.
 * {@code sessionGeneration} grows whenever all of the account's sessions end (disabling,
 * a password change or reset): every token carries the generation it was issued in and
 * stops working when the account moves on to the next.
 */
public record User(UUID id, String email, String displayName, String passwordHash, Role role, boolean disabled,
		long sessionGeneration, long version, Instant createdAt, Instant updatedAt) {

	static String normalizeEmail(String email) {
		return email.trim().toLowerCase(java.util.Locale.ROOT);
	}

	boolean isActiveAdmin() {
		return this.role == Role.ADMIN && !this.disabled;
	}

	public UserSummary summary() {
		return new UserSummary(this.id, this.email, this.displayName, this.role, this.disabled);
	}

}
