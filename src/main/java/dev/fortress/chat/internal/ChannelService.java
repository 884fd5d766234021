package dev.fortress.chat.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.chat.internal.ChannelAccess.Access;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.platform.Ids;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.ProjectMembership;

/** Channels and direct conversations: creating, reading, changing, deleting them. */
@Service
public class ChannelService {

	private final Channels channels;

	private final ChannelMembers members;

	private final ChannelAccess access;

	private final ChannelList list;

	private final ProjectMembership projects;

	private final IdentityApi identity;

	private final Clock clock;

	ChannelService(Channels channels, ChannelMembers members, ChannelAccess access, ChannelList list,
			ProjectMembership projects, IdentityApi identity, Clock clock) {
		this.channels = channels;
		this.members = members;
		this.access = access;
		this.list = list;
		this.projects = projects;
		this.identity = identity;
		this.clock = clock;
	}

	/**
	 * Creates a channel whose creator is its OWNER.
	 * @throws ApiException 403 for a global VIEWER, 404 for a project the caller may not
	 * read
	 */
	@Transactional
	public ChannelSummary create(String name, @Nullable String topic, @Nullable UUID projectId, boolean isPrivate,
			CurrentUser user) {
		if (user.isReadOnly()) {
			throw ApiException.forbidden("Viewers cannot create channels");
		}
		if (projectId != null && !this.projects.canView(projectId, user)) {
			throw ApiException.notFound("Project");
		}
		Channel channel = new Channel(Ids.newId(), name.strip(), topic, projectId, isPrivate, null, user.id(), now(),
				0);
		this.channels.insert(channel);
		this.members.put(channel.id(), user.id(), ChannelRole.OWNER, channel.createdAt());
		return new ChannelSummary(channel, ChannelRole.OWNER, 0);
	}

	@Transactional(readOnly = true)
	public List<ChannelSummary> list(CurrentUser user) {
		return this.list.list(user);
	}

	@Transactional(readOnly = true)
	public ChannelSummary get(UUID id, CurrentUser user) {
		Access access = this.access.reader(id, user);
		return this.list.one(access.channel(), access.role(), user);
	}

	/**
	 * Changes what is given (null leaves it).
	 * @throws ApiException 404/403 unless an owner, 409 for a direct conversation
	 */
	@Transactional
	public ChannelSummary update(UUID id, @Nullable String name, @Nullable String topic, @Nullable Boolean isPrivate,
			CurrentUser user) {
		Access access = this.access.owner(id, user);
		Channel channel = notDirect(access.channel());
		Channel changed = new Channel(channel.id(), (name != null) ? name.strip() : channel.name(),
				(topic != null) ? topic : channel.topic(), channel.projectId(),
				(isPrivate != null) ? isPrivate : channel.isPrivate(), null, channel.createdBy(), channel.createdAt(),
				channel.lastSeq());
		this.channels.update(changed);
		return this.list.one(changed, access.role(), user);
	}

	/**
	 * Deletes the channel with its log and views.
	 * @throws ApiException 404/403 unless an owner, 409 for a direct conversation
	 */
	@Transactional
	public void delete(UUID id, CurrentUser user) {
		notDirect(this.access.owner(id, user).channel());
		this.channels.delete(id);
	}

	/**
	 * The direct conversation with another user, started if there was none.
	 * @throws ApiException 400 with oneself, 404 for an unknown or disabled user
	 */
	@Transactional
	public Direct direct(UUID otherId, CurrentUser user) {
		if (otherId.equals(user.id())) {
			throw ApiException.invalid("userId", "must be someone else");
		}
		if (this.identity.findUser(otherId).filter((other) -> !other.disabled()).isEmpty()) {
			throw ApiException.notFound("User");
		}
		String key = Channel.directKey(user.id(), otherId);
		Channel channel = new Channel(Ids.newId(), "Direct conversation", null, null, true, key, user.id(), now(), 0);
		boolean created = this.channels.insertDirect(channel);
		if (created) {
			this.members.put(channel.id(), user.id(), ChannelRole.MEMBER, channel.createdAt());
			this.members.put(channel.id(), otherId, ChannelRole.MEMBER, channel.createdAt());
		}
		else {
			channel = this.channels.findDirect(key).orElseThrow();
		}
		return new Direct(this.list.one(channel, ChannelRole.MEMBER, user), created);
	}

	private java.time.Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	static Channel notDirect(Channel channel) {
		if (channel.direct()) {
			throw ApiException.conflict("A direct conversation has no settings or members to change");
		}
		return channel;
	}

	/** A direct conversation and whether this call started it. */
	public record Direct(ChannelSummary channel, boolean created) {
	}

}
