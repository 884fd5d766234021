package dev.fortress.tasks;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

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

	/**
	 * Whether the caller manages the project: its OWNER, or an ADMIN. Other modules give
	 * such callers the project's editorial decisions (publishing an article).
	 */
	boolean canManage(UUID projectId, CurrentUser user);

	/**
	 * Every project the caller may read, by the same rule as {@link #canView}, read from
	 * the memberships as they are now (no cache): what a search filters by, so that a
	 * member removed a moment ago no longer finds the project's content.
	 * @return the projects, or {@code null} when the caller may read every project (an
	 * ADMIN)
	 */
	@Nullable Set<UUID> viewableProjects(CurrentUser user);

}
