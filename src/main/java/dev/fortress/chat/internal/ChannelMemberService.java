package dev.fortress.chat.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.chat.internal.ChannelAccess.Access;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.web.ApiException;

/**
 * A channel's members and roles. Owners manage them; anyone may join a channel they can
 * read without being a member (a public one) as a MEMBER or READER, and leave. A channel
 * always keeps an owner; a direct conversation's two members are fixed. Changes are
 * decided under the channel's row lock, so two owners stepping down at once cannot leave
 * it ownerless.
 */
@Service
public class ChannelMemberService {

	private final Channels channels;

	private final ChannelMembers members;

	private final ChannelAccess access;

	private final IdentityApi identity;

	private final Clock clock;

	ChannelMemberService(Channels channels, ChannelMembers members, ChannelAccess access, IdentityApi identity,
			Clock clock) {
		this.channels = channels;
		this.members = members;
		this.access = access;
		this.identity = identity;
		this.clock = clock;
	}

	/**
	 * The channel's members; for a project channel, the project's members with the role
	 * each has in the channel.
	 * @throws ApiException 404 unless the caller may read the channel
	 */
	@Transactional(readOnly = true)
	public List<ChannelMember> list(UUID channelId, CurrentUser user) {
		Channel channel = this.access.reader(channelId, user).channel();
		List<ChannelMember> own = this.members.list(channelId);
		if (channel.projectId() == null) {
			return own;
		}
		Set<UUID> readers = this.access.readers(channel);
		Map<UUID, ChannelMember> byUser = new HashMap<>();
		own.forEach((member) -> byUser.put(member.userId(), member));
		List<ChannelMember> all = new ArrayList<>();
		own.stream().filter((member) -> readers.contains(member.userId())).forEach(all::add);
		readers.stream()
			.filter((id) -> !byUser.containsKey(id))
			.sorted()
			.forEach((id) -> all.add(new ChannelMember(channelId, id, ChannelRole.MEMBER, null)));
		return all;
	}

	/**
	 * Adds a member or changes their role.
	 * @throws ApiException 404 unless the caller may read the channel (or the user is
	 * unknown), 403 unless an owner or joining oneself, 409 for a direct conversation or
	 * the last owner's demotion
	 */
	@Transactional
	public ChannelMember put(UUID channelId, UUID userId, ChannelRole role, CurrentUser user) {
		Access access = this.access.reader(channelId, user);
		ChannelService.notDirect(access.channel());
		if (access.role() != ChannelRole.OWNER && !joinsOrStepsDown(access, userId, role, user)) {
			throw ApiException.forbidden("Only a channel owner may do this");
		}
		UserSummary target = this.identity.findUser(userId)
			.filter((found) -> !found.disabled())
			.orElseThrow(() -> ApiException.notFound("User"));
		UUID projectId = access.channel().projectId();
		if (projectId != null && !this.access.readsProject(projectId, new CurrentUser(target.id(), target.role()))) {
			throw ApiException.invalid("userId", "must be a member of the channel's project");
		}
		this.channels.lock(channelId);
		if (role != ChannelRole.OWNER) {
			keepAnOwner(channelId, userId);
		}
		return this.members.put(channelId, userId, role, this.clock.instant());
	}

	/**
	 * Removes a member (or the caller leaves).
	 * @throws ApiException 404 unless the caller may read the channel and the user is a
	 * member, 403 unless an owner or oneself, 409 for a direct conversation or the last
	 * owner
	 */
	@Transactional
	public void remove(UUID channelId, UUID userId, CurrentUser user) {
		Access access = this.access.reader(channelId, user);
		ChannelService.notDirect(access.channel());
		if (access.role() != ChannelRole.OWNER && !userId.equals(user.id())) {
			throw ApiException.forbidden("Only a channel owner may do this");
		}
		this.channels.lock(channelId);
		keepAnOwner(channelId, userId);
		if (!this.members.remove(channelId, userId)) {
			throw ApiException.notFound("Member");
		}
	}

	/**
	 * What a non-owner may do to their own membership: join a channel they read as a
	 * MEMBER (not a global VIEWER) or a READER, or become a READER. A READER cannot make
	 * themselves a MEMBER (putting the role they have changes nothing).
	 */
	private boolean joinsOrStepsDown(Access access, UUID userId, ChannelRole role, CurrentUser user) {
		if (!userId.equals(user.id()) || role == ChannelRole.OWNER) {
			return false;
		}
		if (role == ChannelRole.READER) {
			return true;
		}
		return this.members.role(access.channel().id(), user.id()).map((own) -> own == role).orElse(!user.isReadOnly());
	}

	/** Refuses a change that would take the channel's last owner away. */
	private void keepAnOwner(UUID channelId, UUID userId) {
		boolean owner = this.members.role(channelId, userId).filter((role) -> role == ChannelRole.OWNER).isPresent();
		if (owner && this.members.owners(channelId) == 1) {
			throw ApiException.conflict("A channel must keep an owner");
		}
	}

}
