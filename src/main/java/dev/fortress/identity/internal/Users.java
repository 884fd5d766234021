package dev.fortress.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.identity.Role;

/** The {@code users} table. */
@Repository
class Users {

	private static final String COLUMNS = "id, email, display_name, password_hash, role, disabled, session_generation, version, created_at, updated_at";

	private static final RowMapper<User> MAPPER = (rs, n) -> new User(rs.getObject("id", UUID.class),
			rs.getString("email"), rs.getString("display_name"), rs.getString("password_hash"),
			Role.valueOf(rs.getString("role")), rs.getBoolean("disabled"), rs.getLong("session_generation"),
			rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("updated_at").toInstant());

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the user unless the e-mail is taken; returns whether it was inserted. */
	boolean insert(User user) {
		return this.jdbc
			.sql("""
					insert into users (id, email, display_name, password_hash, role, disabled, version, created_at, updated_at)
					values (:id, :email, :displayName, :hash, :role, :disabled, 0, :createdAt, :createdAt)
					on conflict (email) do nothing
					""")
			.param("id", user.id())
			.param("email", user.email())
			.param("displayName", user.displayName())
			.param("hash", user.passwordHash())
			.param("role", user.role().name())
			.param("disabled", user.disabled())
			.param("createdAt", Timestamp.from(user.createdAt()))
			.update() == 1;
	}

	Optional<User> findById(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from users where id = :id")
			.param("id", id)
			.query(MAPPER)
			.optional();
	}

	Optional<User> findByEmail(String normalizedEmail) {
		return this.jdbc.sql("select " + COLUMNS + " from users where email = :email")
			.param("email", normalizedEmail)
			.query(MAPPER)
			.optional();
	}

	/** The account, its row locked until the transaction ends. */
	Optional<User> lockByEmail(String normalizedEmail) {
		return this.jdbc.sql("select " + COLUMNS + " from users where email = :email for update")
			.param("email", normalizedEmail)
			.query(MAPPER)
			.optional();
	}

	List<User> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from users where id = any(:ids)")
			.param("ids", ids.toArray(UUID[]::new))
			.query(MAPPER)
			.list();
	}

	/** Users after the given id in id (= creation) order. */
	List<User> page(UUID after, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from users where id > :after order by id limit :limit")
			.param("after", after)
			.param("limit", limit)
			.query(MAPPER)
			.list();
	}

	void updatePasswordHash(UUID id, String hash, Instant now) {
		this.jdbc.sql("update users set password_hash = :hash, version = version + 1, updated_at = :now where id = :id")
			.param("hash", hash)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	void updateRoleAndStatus(UUID id, Role role, boolean disabled, Instant now) {
		this.jdbc.sql("""
				update users set role = :role, disabled = :disabled, version = version + 1, updated_at = :now
				where id = :id
				""")
			.param("role", role.name())
			.param("disabled", disabled)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/** Sets the password and makes the account an enabled admin. */
	void makeAdmin(UUID id, String hash, Instant now) {
		this.jdbc.sql("""
				update users set password_hash = :hash, role = 'ADMIN', disabled = false, version = version + 1,
				  updated_at = :now
				where id = :id
				""").param("hash", hash).param("now", Timestamp.from(now)).param("id", id).update();
	}

	/**
	 * Moves the account to its next session generation: every token issued before stops
	 * working.
	 */
	void nextSessionGeneration(UUID id) {
		this.jdbc.sql("update users set session_generation = session_generation + 1 where id = :id")
			.param("id", id)
			.update();
	}

	/**
	 * Active admins other than the given user, locked so two demotions cannot both pass.
	 */
	long countOtherActiveAdmins(UUID except) {
		return this.jdbc.sql("""
				select count(*) from (
				  select id from users where role = 'ADMIN' and not disabled and id <> :id for update
				) admins
				""").param("id", except).query(Long.class).single();
	}

}
