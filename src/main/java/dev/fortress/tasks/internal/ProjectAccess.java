package dev.fortress.tasks.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.ProjectMembership;
import dev.fortress.tasks.api.ProjectRole;
import dev.fortress.tasks.api.TaskView;

/**
 * The access rule of TaskForge, decided from attributes of the caller and of the resource
 * rather than from a global role alone: a global ADMIN may do anything to any project;
 * everyone else is decided by their role in the project the resource belongs to; a global
 * VIEWER is read-only everywhere whatever their project role. A non-member learns
 * nothing: the project and its tasks are a 404, never a 403.
 * <p>
 * Public for the exports and reports, which check a caller's right to read a project;
 * other modules use it as {@link ProjectMembership}.
 */
@Component
public class ProjectAccess implements ProjectMembership {

	private final ProjectMembers members;

	ProjectAccess(ProjectMembers members) {
		this.members = members;
	}

	/**
	 * The caller's effective role in the project, empty if they may not see it. A
	 * member's role comes from the membership cache ({@link ProjectMembers}).
	 */
	public Optional<ProjectRole> effectiveRole(UUID projectId, CurrentUser user) {
		return effectiveRole(projectId, user, false);
	}

	private Optional<ProjectRole> effectiveRole(UUID projectId, CurrentUser user, boolean fresh) {
		Optional<ProjectRole> role;
		if (user.isAdmin()) {
			role = this.members.projectExists(projectId) ? Optional.of(ProjectRole.OWNER) : Optional.empty();
		}
		else {
			role = fresh ? this.members.freshRole(projectId, user.id()) : this.members.role(projectId, user.id());
		}
		return user.isReadOnly() ? role.map(r -> ProjectRole.VIEWER) : role;
	}

	/**
	 * The projects among these that the caller may see, for the batch reads of nested
	 * fields. One project (a board) is decided by the membership cache, as a single read
	 * is; several in one statement for all of them, so that a batch over many projects
	 * never costs a look-up per project while the cache is cold.
	 */
	Set<UUID> visible(Collection<UUID> projectIds, CurrentUser user) {
		Set<UUID> distinct = new HashSet<>(projectIds);
		if (distinct.size() <= 1) {
			Set<UUID> visible = new HashSet<>();
			distinct.stream().filter(projectId -> effectiveRole(projectId, user).isPresent()).forEach(visible::add);
			return visible;
		}
		return user.isAdmin() ? this.members.existing(distinct) : this.members.projectsOf(user.id(), distinct);
	}

	/**
	 * The ids of the tasks, as their readers saw them, whose projects the caller may see
	 * (by {@link #visible}): what a batch read of their comments, subtasks or history may
	 * read.
	 */
	List<UUID> visibleTasks(Collection<TaskView> tasks, CurrentUser user) {
		Set<UUID> projects = visible(tasks.stream().map(TaskView::projectId).toList(), user);
		return tasks.stream().filter(task -> projects.contains(task.projectId())).map(TaskView::id).distinct().toList();
	}

	@Override
	public boolean canView(UUID projectId, CurrentUser user) {
		return effectiveRole(projectId, user).isPresent();
	}

	@Override
	public Set<UUID> viewable(Collection<UUID> projectIds, CurrentUser user) {
		return projectIds.isEmpty() ? Set.of() : visible(projectIds, user);
	}

	@Override
	public Set<UUID> memberIds(UUID projectId) {
		Set<UUID> ids = new HashSet<>();
		this.members.list(projectId).forEach((member) -> ids.add(member.userId()));
		return ids;
	}

	@Override
	public boolean canManage(UUID projectId, CurrentUser user) {
		return effectiveRole(projectId, user).filter(role -> role == ProjectRole.OWNER).isPresent();
	}

	@Override
	public @Nullable Set<UUID> viewableProjects(CurrentUser user) {
		return user.isAdmin() ? null : this.members.projectsOf(user.id());
	}

	/**
	 * @throws ApiException 404 unless the caller may see the project
	 */
	public ProjectRole requireViewer(UUID projectId, CurrentUser user) {
		return effectiveRole(projectId, user).orElseThrow(() -> ApiException.notFound("Project"));
	}

	/**
	 * @throws ApiException 404 if the caller may not see it, 403 if only read it
	 */
	ProjectRole requireEditor(UUID projectId, CurrentUser user) {
		ProjectRole role = requireViewer(projectId, user);
		if (!role.canEdit()) {
			throw ApiException.forbidden("You may only read this project");
		}
		return role;
	}

	/**
	 * @throws ApiException 404 if the caller may not see it, 403 unless an owner
	 */
	void requireOwner(UUID projectId, CurrentUser user) {
		if (requireViewer(projectId, user) != ProjectRole.OWNER) {
			throw ApiException.forbidden("Only a project owner may do this");
		}
	}

	/**
	 * Like {@link #requireOwner}, but from the table rather than the cache: for
	 * membership changes, decided under the owners' row locks, where a role cached a
	 * moment before a concurrent demotion committed must not count.
	 * @throws ApiException 404 if the caller may not see it, 403 unless an owner
	 */
	void requireOwnerNow(UUID projectId, CurrentUser user) {
		ProjectRole role = effectiveRole(projectId, user, true).orElseThrow(() -> ApiException.notFound("Project"));
		if (role != ProjectRole.OWNER) {
			throw ApiException.forbidden("Only a project owner may do this");
		}
	}

	/**
	 * Whether an account's project role takes effect: it is enabled and not a global
	 * VIEWER. Unknown accounts (null) cannot act.
	 */
	static boolean canActOnProjectRole(@Nullable UserSummary account) {
		return account != null && !account.disabled() && account.role() != Role.VIEWER;
	}

	/**
	 * Whose projects' tasks the caller may list: their own (a search by member, which
	 * reads the memberships in the page's statement); {@code null} means all projects
	 * (admins).
	 */
	@Nullable UUID listsAsMember(CurrentUser user) {
		return user.isAdmin() ? null : user.id();
	}

	boolean isMember(UUID projectId, UUID userId) {
		return this.members.isMember(projectId, userId);
	}

}
