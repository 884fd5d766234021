package dev.fortress.tasks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.tasks.api.Project;
import dev.fortress.tasks.api.ProjectRole;

/** The {@code projects} table, read together with the caller's role. */
@Repository
class Projects {

	private static final String COLUMNS = "p.id, p.name, p.description, p.created_by, p.version, p.created_at, p.updated_at";

	private final JdbcClient jdbc;

	Projects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Project project) {
		this.jdbc.sql("""
				insert into projects (id, name, description, created_by, version, created_at, updated_at)
				values (:id, :name, :description, :createdBy, 0, :createdAt, :createdAt)
				""")
			.param("id", project.id())
			.param("name", project.name())
			.param("description", project.description())
			.param("createdBy", project.createdBy())
			.param("createdAt", Timestamp.from(project.createdAt()))
			.update();
	}

	/** The project with the role {@code userId} has in it (null if none). */
	Optional<Project> find(UUID id, UUID userId) {
		return this.jdbc
			.sql("select " + COLUMNS + ", m.role from projects p "
					+ "left join project_members m on m.project_id = p.id and m.user_id = :userId where p.id = :id")
			.param("id", id)
			.param("userId", userId)
			.query(Projects::map)
			.optional();
	}

	/**
	 * Projects after {@code after} in id order: those {@code userId} is a member of, or
	 * all of them when {@code all} (admins).
	 */
	List<Project> page(UUID userId, boolean all, UUID after, int fetch) {
		return this.jdbc
			.sql("select " + COLUMNS + ", m.role from projects p "
					+ "left join project_members m on m.project_id = p.id and m.user_id = :userId "
					+ "where p.id > :after and (:all or m.user_id is not null) order by p.id limit :fetch")
			.param("userId", userId)
			.param("all", all)
			.param("after", after)
			.param("fetch", fetch)
			.query(Projects::map)
			.list();
	}

	/**
	 * @return false if the version was no longer {@code expectedVersion}
	 */
	boolean update(Project project, long expectedVersion) {
		return this.jdbc.sql("""
				update projects set name = :name, description = :description, version = version + 1,
				                    updated_at = :updatedAt
				where id = :id and version = :expected
				""")
			.param("id", project.id())
			.param("name", project.name())
			.param("description", project.description())
			.param("updatedAt", Timestamp.from(project.updatedAt()))
			.param("expected", expectedVersion)
			.update() == 1;
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from projects where id = :id").param("id", id).update();
	}

	private static Project map(ResultSet rs, int row) throws SQLException {
		String role = rs.getString("role");
		return new Project(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
				rs.getObject("created_by", UUID.class), rs.getLong("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				role == null ? null : ProjectRole.valueOf(role));
	}

}
