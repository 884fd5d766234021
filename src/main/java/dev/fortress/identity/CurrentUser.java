package dev.fortress.identity;

import java.util.UUID;

/**
 * The authenticated caller of the current request, with the role the account has now (not
 * the one frozen into the token). Controllers receive it as a method parameter.
 */
public record CurrentUser(UUID id, Role role) {

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	/** A global viewer is read-only everywhere, whatever its project roles say. */
	public boolean isReadOnly() {
		return this.role == Role.VIEWER;
	}

}
