package dev.fortress.tasks.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.platform.web.ApiException;

/**
 * Project membership. Only owners (and admins) change it, and a project never loses its
 * last owner. A member who leaves is unassigned from the project's tasks.
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
		this.access.requireOwner(projectId, user);
		if (this.identity.findUser(userId).filter(found -> !found.disabled()).isEmpty()) {
			throw ApiException.notFound("User");
		}
		if (role != ProjectRole.OWNER) {
			keepAnOwner(projectId, userId);
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
		this.access.requireOwner(projectId, user);
		keepAnOwner(projectId, userId);
		if (!this.members.remove(projectId, userId)) {
			throw ApiException.notFound("Member");
		}
		this.references.unassign(projectId, userId, user.id());
	}

	/**
	 * 409 if {@code userId} is the project's only owner and is about to stop being one.
	 */
	private void keepAnOwner(UUID projectId, UUID userId) {
		int owners = this.members.ownersLocked(projectId);
		boolean isOwner = this.members.role(projectId, userId).filter(ProjectRole.OWNER::equals).isPresent();
		if (isOwner && owners <= 1) {
			throw ApiException.conflict("A project must keep at least one owner");
		}
	}

}
