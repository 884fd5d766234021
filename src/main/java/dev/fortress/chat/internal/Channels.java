package dev.fortress.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The channels table, including the counter that positions each channel's log. */
@Repository
class Channels {

	static final RowMapper<Channel> MAPPER = Channels::channel;

	private final JdbcClient jdbc;

	Channels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Channel channel) {
		this.jdbc.sql("""
				insert into chat_channels (id, name, topic, project_id, private, direct_key, created_by, created_at)
				values (:id, :name, :topic, :projectId, :private, :directKey, :createdBy, :createdAt)
				""")
			.param("id", channel.id())
			.param("name", channel.name())
			.param("topic", channel.topic())
			.param("projectId", channel.projectId())
			.param("private", channel.isPrivate())
			.param("directKey", channel.directKey())
			.param("createdBy", channel.createdBy())
			.param("createdAt", Timestamp.from(channel.createdAt()))
			.update();
	}

	/**
	 * Inserts a direct conversation unless the pair already has one.
	 * @return whether it was inserted
	 */
	boolean insertDirect(Channel channel) {
		return this.jdbc.sql("""
				insert into chat_channels (id, name, topic, project_id, private, direct_key, created_by, created_at)
				values (:id, :name, null, null, true, :directKey, :createdBy, :createdAt)
				on conflict (direct_key) do nothing
				""")
			.param("id", channel.id())
			.param("name", channel.name())
			.param("directKey", channel.directKey())
			.param("createdBy", channel.createdBy())
			.param("createdAt", Timestamp.from(channel.createdAt()))
			.update() == 1;
	}

	Optional<Channel> find(UUID id) {
		return this.jdbc.sql("select * from chat_channels where id = :id").param("id", id).query(MAPPER).optional();
	}

	Optional<Channel> findDirect(String directKey) {
		return this.jdbc.sql("select * from chat_channels where direct_key = :key")
			.param("key", directKey)
			.query(MAPPER)
			.optional();
	}

	/**
	 * Locks the channel's row until the transaction ends: every append to its log takes
	 * this lock first, so writers of one channel are serialised and those of different
	 * channels are not.
	 */
	Optional<Channel> lock(UUID id) {
		return this.jdbc.sql("select * from chat_channels where id = :id for update")
			.param("id", id)
			.query(MAPPER)
			.optional();
	}

	/** The next position of the channel's log (under the row lock, so gap-free). */
	long nextSeq(UUID id) {
		return this.jdbc.sql("update chat_channels set last_seq = last_seq + 1 where id = :id returning last_seq")
			.param("id", id)
			.query(Long.class)
			.single();
	}

	void update(Channel channel) {
		this.jdbc.sql("update chat_channels set name = :name, topic = :topic, private = :private where id = :id")
			.param("id", channel.id())
			.param("name", channel.name())
			.param("topic", channel.topic())
			.param("private", channel.isPrivate())
			.update();
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from chat_channels where id = :id").param("id", id).update();
	}

	/**
	 * The projects that have channels: what a caller's project readership is asked about.
	 */
	Set<UUID> projectIds() {
		return Set.copyOf(this.jdbc.sql("select distinct project_id from chat_channels where project_id is not null")
			.query(UUID.class)
			.list());
	}

	List<UUID> ofProject(UUID projectId) {
		return this.jdbc.sql("select id from chat_channels where project_id = :projectId")
			.param("projectId", projectId)
			.query(UUID.class)
			.list();
	}

	static Channel channel(ResultSet rs, int row) throws SQLException {
		return new Channel(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("topic"),
				rs.getObject("project_id", UUID.class), rs.getBoolean("private"), rs.getString("direct_key"),
				rs.getObject("created_by", UUID.class), rs.getTimestamp("created_at").toInstant(),
				rs.getLong("last_seq"));
	}

}
