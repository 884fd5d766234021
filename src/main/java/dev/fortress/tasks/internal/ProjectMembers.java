package dev.fortress.tasks.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.platform.cache.CacheSettings;
import dev.fortress.platform.cache.Caches;
import dev.fortress.platform.cache.ReadCache;
import dev.fortress.tasks.api.Member;
import dev.fortress.tasks.api.ProjectRole;

/**
 * The {@code project_members} table: who has which role in which project. Every request
 * to a project's resources asks for the caller's role, so roles are cached
 * ({@code project-roles}, 10 s by default, "not a member" for 2 s; in Redis too when it
 * is configured). Every change of a membership invalidates its entry after the commit: at
 * once here and, with Redis, on every instance; without Redis other instances see it
 * within the TTL (ADR 0050). Decisions taken under the owners' row locks read the table
 * ({@link #freshRole}), never the cache.
 */
@Repository
class ProjectMembers {

	private static final RowMapper<Member> MAPPER = (rs, n) -> new Member(rs.getObject("project_id", UUID.class),
			rs.getObject("user_id", UUID.class), ProjectRole.valueOf(rs.getString("role")),
			rs.getTimestamp("added_at").toInstant());

	private final JdbcClient jdbc;

	private final ReadCache<String, ProjectRole> roles;

	ProjectMembers(JdbcClient jdbc, Caches caches,
			@Value("${fortress.tasks.membership-cache-ttl:10s}") Duration membershipTtl) {
		this.jdbc = jdbc;
		Duration negative = membershipTtl.compareTo(Duration.ofSeconds(2)) < 0 ? membershipTtl : Duration.ofSeconds(2);
		this.roles = caches.create(
				CacheSettings.local("project-roles", membershipTtl).withNegativeTtl(negative).sharedThroughRedis(),
				ProjectRole.class);
	}

	/** The user's role in the project (cached), empty if not a member. */
	Optional<ProjectRole> role(UUID projectId, UUID userId) {
		return this.roles.find(key(projectId, userId), key -> freshRole(projectId, userId));
	}

	/** The user's role in the project as stored now. */
	Optional<ProjectRole> freshRole(UUID projectId, UUID userId) {
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

	/** Which of these projects the user is a member of, in one statement. */
	Set<UUID> projectsOf(UUID userId, Collection<UUID> projectIds) {
		return new HashSet<>(this.jdbc
			.sql("select project_id from project_members where user_id = :userId and project_id = any(:ids)")
			.param("userId", userId)
			.param("ids", projectIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/** Which of these projects exist, in one statement. */
	Set<UUID> existing(Collection<UUID> projectIds) {
		return new HashSet<>(this.jdbc.sql("select id from projects where id = any(:ids)")
			.param("ids", projectIds.toArray(UUID[]::new))
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
		this.roles.invalidate(key(projectId, userId));
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
		this.roles.invalidate(key(projectId, userId));
		return this.jdbc.sql("delete from project_members where project_id = :projectId and user_id = :userId")
			.param("projectId", projectId)
			.param("userId", userId)
			.update() == 1;
	}

	/**
	 * The project is about to be deleted: every member's cached role goes once the
	 * deletion commits (a role left behind would let a member list an empty project).
	 */
	void forgetProject(UUID projectId) {
		this.jdbc.sql("select user_id from project_members where project_id = :projectId")
			.param("projectId", projectId)
			.query(UUID.class)
			.list()
			.forEach(userId -> this.roles.invalidate(key(projectId, userId)));
	}

	private static String key(UUID projectId, UUID userId) {
		return projectId + ":" + userId;
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
