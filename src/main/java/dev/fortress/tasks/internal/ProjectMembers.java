package dev.fortress.tasks.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.tasks.api.Member;
import dev.fortress.tasks.api.ProjectRole;

/** The {@code project_members} table: who has which role in which project. */
@Repository
class ProjectMembers {

	private static final RowMapper<Member> MAPPER = (rs, n) -> new Member(rs.getObject("project_id", UUID.class),
			rs.getObject("user_id", UUID.class), ProjectRole.valueOf(rs.getString("role")),
			rs.getTimestamp("added_at").toInstant());

	private final JdbcClient jdbc;

	ProjectMembers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ProjectRole> role(UUID projectId, UUID userId) {
		return this.jdbc.sql("select role from project_members where project_id = :projectId and user_id = :userId")
			.param("projectId", projectId)
			.param("userId", userId)
			.query((rs, n) -> ProjectRole.valueOf(rs.getString("role")))
			.optional();
	}

	boolean projectExists(UUID projectId) {
		return this.jdbc.sql("select exists (select 1 from projects where id = :id)")
			.param("id", projectId)
			.query(Boolean.class)
			.single();
	}

	Set<UUID> projectsOf(UUID userId) {
		return new HashSet<>(this.jdbc.sql("select project_id from project_members where user_id = :userId")
			.param("userId", userId)
			.query(UUID.class)
			.list());
	}

	List<Member> list(UUID projectId) {
		return this.jdbc.sql("select * from project_members where project_id = :projectId order by added_at, user_id")
			.param("projectId", projectId)
			.query(MAPPER)
			.list();
	}

	boolean isMember(UUID projectId, UUID userId) {
		return role(projectId, userId).isPresent();
	}

	/** Adds the member or changes their role; the original join time is kept. */
	void put(UUID projectId, UUID userId, ProjectRole role, Instant now) {
		this.jdbc
			.sql("""
					insert into project_members (project_id, user_id, role, added_at) values (:projectId, :userId, :role, :now)
					on conflict (project_id, user_id) do update set role = excluded.role
					""")
			.param("projectId", projectId)
			.param("userId", userId)
			.param("role", role.name())
			.param("now", Timestamp.from(now))
			.update();
	}

	boolean remove(UUID projectId, UUID userId) {
		return this.jdbc.sql("delete from project_members where project_id = :projectId and user_id = :userId")
			.param("projectId", projectId)
			.param("userId", userId)
			.update() == 1;
	}

	/**
	 * The project's owners, their rows locked until the transaction ends: concurrent
	 * membership changes of one project are decided one after the other, each on the
	 * owners the previous one left.
	 */
	List<UUID> lockOwners(UUID projectId) {
		return this.jdbc
			.sql("select user_id from project_members where project_id = :projectId and role = 'OWNER' for update")
			.param("projectId", projectId)
			.query(UUID.class)
			.list();
	}

}
