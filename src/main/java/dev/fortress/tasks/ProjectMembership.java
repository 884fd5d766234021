package dev.fortress.tasks;

import java.util.UUID;

import dev.fortress.identity.CurrentUser;

/**
 * TaskForge's access rule for other modules that show something about a project (its
 * analytics): whether the caller may see the project, decided exactly as TaskForge's own
 * endpoints decide it, so a non-member gets the same {@code 404} everywhere.
 */
public interface ProjectMembership {

	/** Whether the caller may read the project: a member, or an ADMIN. */
	boolean canView(UUID projectId, CurrentUser user);

}
