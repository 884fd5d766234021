package dev.fortress.identity;

/**
 * Global roles. {@code EDITOR} is what self-registration gives; {@code VIEWER} is
 * read-only everywhere; {@code ADMIN} sees and manages everything.
 */
public enum Role {

	ADMIN, EDITOR, VIEWER;

	public String authority() {
		return "ROLE_" + name();
	}

}
