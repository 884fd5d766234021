package dev.fortress.tasks.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.api.Member;
import dev.fortress.tasks.api.ProjectRole;

/**
 * Project membership. Only owners (and admins) change it, and a project never loses its
 * last owner who can act: an owner counts only while their account is enabled and not a
 * global VIEWER (who is read-only everywhere), as identity reports it now. A member who
 * leaves is unassigned from the project's tasks.
 */
@Service
public class MemberService {

	private final ProjectMembers members;

	private final ProjectAccess access;

	private final IdentityApi identity;

	private final TaskReferences references;

	private final Clock clock;

	MemberService(ProjectMembers members, ProjectAccess access, IdentityApi identity, TaskReferences references,
			Clock clock) {
		this.members = members;
		this.references = references;
		this.access = access;
		this.identity = identity;
		this.clock = clock;
	}

	public List<Member> list(UUID projectId, CurrentUser user) {
		this.access.requireViewer(projectId, user);
		return this.members.list(projectId);
	}

	/** Adds a user to the project or changes their role. */
	@Transactional
	public Member put(UUID projectId, UUID userId, ProjectRole role, CurrentUser user) {
		List<UUID> owners = this.members.lockOwners(projectId);
		this.access.requireOwnerNow(projectId, user);
		if (this.identity.findUser(userId).filter(found -> !found.disabled()).isEmpty()) {
			throw ApiException.notFound("User");
		}
		if (role != ProjectRole.OWNER) {
			keepAnOwnerWhoCanAct(owners, userId);
		}
		this.members.put(projectId, userId, role, this.clock.instant());
		return this.members.list(projectId)
			.stream()
			.filter(member -> member.userId().equals(userId))
			.findFirst()
			.orElseThrow();
	}

	@Transactional
	public void remove(UUID projectId, UUID userId, CurrentUser user) {
		List<UUID> owners = this.members.lockOwners(projectId);
		this.access.requireOwnerNow(projectId, user);
		keepAnOwnerWhoCanAct(owners, userId);
		if (!this.members.remove(projectId, userId)) {
			throw ApiException.notFound("Member");
		}
		this.references.unassign(projectId, userId, user.id());
	}

	/**
	 * 409 if {@code userId} is an owner who can act and no other owner can. Demoting or
	 * removing an owner who cannot act takes nothing away, so it is allowed.
	 * @param owners the project's owners, locked (so the caller, checked after locking,
	 * is still one and no concurrent change can remove the other)
	 */
	private void keepAnOwnerWhoCanAct(List<UUID> owners, UUID userId) {
		if (!owners.contains(userId)) {
			return;
		}
		Map<UUID, UserSummary> accounts = this.identity.findUsers(owners);
		boolean othersCanAct = owners.stream()
			.filter(owner -> !owner.equals(userId))
			.anyMatch(owner -> ProjectAccess.canActOnProjectRole(accounts.get(owner)));
		if (!othersCanAct && ProjectAccess.canActOnProjectRole(accounts.get(userId))) {
			throw ApiException
				.conflict("A project must keep an owner who can act (an enabled account that is not a global viewer)");
		}
	}

}
