package dev.fortress.identity.web;

import java.time.Instant;
import java.util.UUID;

import dev.fortress.identity.Role;
import dev.fortress.identity.internal.User;

/** An account as the API shows it; never the password hash. */
record UserView(UUID id, String email, String displayName, Role role, boolean disabled, Instant createdAt) {

	static UserView of(User user) {
		return new UserView(user.id(), user.email(), user.displayName(), user.role(), user.disabled(),
				user.createdAt());
	}

}
