package dev.fortress.tasks;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import dev.fortress.identity.CurrentUser;

/**
 * TaskForge's access rule for other modules that show something about a project (its
 * analytics): whether the caller may see the project, decided exactly as TaskForge's own
 * endpoints decide it, so a non-member gets the same {@code 404} everywhere. Chat's
 * project channels are read by the project's readers.
 */
public interface ProjectMembership {

	/** Whether the caller may read the project: a member, or an ADMIN. */
	boolean canView(UUID projectId, CurrentUser user);

	/**
	 * The projects among these that the caller may read, in one statement whatever their
	 * number (a list of channels, a search restricted to what the caller may read).
	 */
	Set<UUID> viewable(Collection<UUID> projectIds, CurrentUser user);

	/** The project's members' ids; empty for an unknown project. */
	Set<UUID> memberIds(UUID projectId);

}
