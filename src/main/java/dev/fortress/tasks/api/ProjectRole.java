package dev.fortress.tasks.api;

/** A member's role in one project. */
public enum ProjectRole {

	OWNER, EDITOR, VIEWER;

	/** May change tasks, categories and comments. */
	public boolean canEdit() {
		return this != VIEWER;
	}

}
