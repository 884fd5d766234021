package dev.fortress.chat.internal;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.ProjectMembership;

/**
 * Who may read a channel and with which role, decided from the channel's kind and the
 * caller's membership (docs/chat.md):
 * <ul>
 * <li>a direct conversation: its two participants only, ADMINs included;</li>
 * <li>a project channel: the project's readers (TaskForge decides), with their own
 * channel role if they were given one, MEMBER otherwise; a private one also needs a
 * channel membership;</li>
 * <li>a private channel: its members;</li>
 * <li>a public channel: anyone signed in, as a READER until they join.</li>
 * </ul>
 * A global ADMIN is an OWNER of every channel but direct ones (moderation); a global
 * VIEWER is at most a READER. A channel the caller may not read is a {@code 404}.
 */
@Component
class ChannelAccess {

	private final Channels channels;

	private final ChannelMembers members;

	private final ProjectMembership projects;

	ChannelAccess(Channels channels, ChannelMembers members, ProjectMembership projects) {
		this.channels = channels;
		this.members = members;
		this.projects = projects;
	}

	/** The caller's effective role in the channel, empty if they may not read it. */
	Optional<ChannelRole> role(Channel channel, CurrentUser user) {
		boolean projectReader = channel.projectId() != null && !channel.direct() && !user.isAdmin()
				&& this.projects.canView(channel.projectId(), user);
		return decide(channel, this.members.role(channel.id(), user.id()), projectReader, user);
	}

	/**
	 * The rule itself, from what is known about the caller: their own membership and
	 * whether they read the channel's project (for lists, which ask TaskForge once for
	 * all the projects).
	 */
	static Optional<ChannelRole> decide(Channel channel, Optional<ChannelRole> own, boolean projectReader,
			CurrentUser user) {
		Optional<ChannelRole> role;
		if (channel.direct()) {
			role = own;
		}
		else if (user.isAdmin()) {
			role = Optional.of(ChannelRole.OWNER);
		}
		else if (channel.projectId() != null && !projectReader) {
			role = Optional.empty();
		}
		else if (channel.isPrivate()) {
			role = own;
		}
		else {
			role = Optional.of(own.orElse((channel.projectId() != null) ? ChannelRole.MEMBER : ChannelRole.READER));
		}
		return user.isReadOnly() ? role.map((r) -> ChannelRole.READER) : role;
	}

	/**
	 * Who reads the channel as a member (presence, mentions): its members, or for a
	 * project channel the project's members (those of a private one who are also channel
	 * members). A public channel's passers-by are not counted.
	 */
	Set<UUID> readers(Channel channel) {
		Set<UUID> members = new HashSet<>();
		this.members.list(channel.id()).forEach((member) -> members.add(member.userId()));
		if (channel.projectId() == null) {
			return members;
		}
		Set<UUID> projectMembers = this.projects.memberIds(channel.projectId());
		if (channel.isPrivate()) {
			members.retainAll(projectMembers);
			return members;
		}
		return projectMembers;
	}

	boolean readsProject(UUID projectId, CurrentUser user) {
		return this.projects.canView(projectId, user);
	}

	boolean canRead(UUID channelId, CurrentUser user) {
		return this.channels.find(channelId).flatMap((channel) -> role(channel, user)).isPresent();
	}

	/**
	 * @throws ApiException 404 unless the caller may read the channel
	 */
	Access reader(UUID channelId, CurrentUser user) {
		Channel channel = this.channels.find(channelId).orElseThrow(() -> ApiException.notFound("Channel"));
		return reader(channel, user);
	}

	/**
	 * @throws ApiException 404 unless the caller may read the channel
	 */
	Access reader(Channel channel, CurrentUser user) {
		ChannelRole role = role(channel, user).orElseThrow(() -> ApiException.notFound("Channel"));
		return new Access(channel, role);
	}

	/**
	 * @throws ApiException 404 unless the caller may read the channel, 403 if only read
	 * it
	 */
	Access poster(UUID channelId, CurrentUser user) {
		Access access = reader(channelId, user);
		if (!access.role().canPost()) {
			throw ApiException.forbidden("You may only read this channel");
		}
		return access;
	}

	/**
	 * @throws ApiException 404 unless the caller may read the channel, 403 unless an
	 * owner
	 */
	Access owner(UUID channelId, CurrentUser user) {
		Access access = reader(channelId, user);
		if (access.role() != ChannelRole.OWNER) {
			throw ApiException.forbidden("Only a channel owner may do this");
		}
		return access;
	}

	/** A channel and the caller's role in it. */
	record Access(Channel channel, ChannelRole role) {
	}

}
