package dev.fortress.chat.internal;

import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fortress.identity.CurrentUser;
import dev.fortress.tasks.ProjectMembership;

/**
 * {@link ChannelAccess}'s rule as a SQL condition on a channel {@code c}, so that lists
 * and searches are restricted to what the caller may read inside their statement (never
 * by filtering a page afterwards). The projects the caller reads are asked of TaskForge
 * once and bound as an array.
 */
@Component
class ReadableChannels {

	/** Binds {@code :user}, {@code :admin} and {@code :projects}. */
	static final String CONDITION = """
			((c.direct_key is not null
			  and exists (select 1 from chat_members own where own.channel_id = c.id and own.user_id = :user))
			 or (c.direct_key is null and (:admin
			  or ((c.project_id is null or c.project_id = any(:projects))
			      and (not c.private
			           or exists (select 1 from chat_members own where own.channel_id = c.id and own.user_id = :user))))))
			""";

	private final Channels channels;

	private final ProjectMembership projects;

	private final JdbcClient jdbc;

	ReadableChannels(Channels channels, ProjectMembership projects, JdbcClient jdbc) {
		this.channels = channels;
		this.projects = projects;
		this.jdbc = jdbc;
	}

	/** The ids of every channel the caller may read. */
	Set<UUID> ids(CurrentUser user) {
		return Set
			.copyOf(bind(this.jdbc.sql("select c.id from chat_channels c where " + CONDITION), user).query(UUID.class)
				.list());
	}

	/** Binds the condition's parameters for the caller. */
	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, CurrentUser user) {
		UUID[] readable = user.isAdmin() ? new UUID[0]
				: this.projects.viewable(this.channels.projectIds(), user).toArray(UUID[]::new);
		return statement.param("user", user.id()).param("admin", user.isAdmin()).param("projects", readable);
	}

}
