package dev.fortress.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who belongs to which channel, with which role. */
@Repository
class ChannelMembers {

	private static final RowMapper<ChannelMember> MAPPER = (rs, row) -> new ChannelMember(
			rs.getObject("channel_id", UUID.class), rs.getObject("user_id", UUID.class),
			ChannelRole.valueOf(rs.getString("role")), rs.getTimestamp("joined_at").toInstant());

	private final JdbcClient jdbc;

	ChannelMembers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ChannelRole> role(UUID channelId, UUID userId) {
		return this.jdbc.sql("select role from chat_members where channel_id = :channelId and user_id = :userId")
			.param("channelId", channelId)
			.param("userId", userId)
			.query(String.class)
			.optional()
			.map(ChannelRole::valueOf);
	}

	List<ChannelMember> list(UUID channelId) {
		return this.jdbc.sql("select * from chat_members where channel_id = :channelId order by joined_at, user_id")
			.param("channelId", channelId)
			.query(MAPPER)
			.list();
	}

	/** Adds the member or changes their role; the original join time is kept. */
	ChannelMember put(UUID channelId, UUID userId, ChannelRole role, Instant now) {
		return this.jdbc
			.sql("""
					insert into chat_members (channel_id, user_id, role, joined_at) values (:channelId, :userId, :role, :now)
					on conflict (channel_id, user_id) do update set role = excluded.role
					returning *
					""")
			.param("channelId", channelId)
			.param("userId", userId)
			.param("role", role.name())
			.param("now", Timestamp.from(now))
			.query(MAPPER)
			.single();
	}

	boolean remove(UUID channelId, UUID userId) {
		return this.jdbc.sql("delete from chat_members where channel_id = :channelId and user_id = :userId")
			.param("channelId", channelId)
			.param("userId", userId)
			.update() == 1;
	}

	/** How many owners the channel has (read under the channel's row lock). */
	int owners(UUID channelId) {
		return this.jdbc.sql("select count(*) from chat_members where channel_id = :channelId and role = 'OWNER'")
			.param("channelId", channelId)
			.query(Integer.class)
			.single();
	}

}
