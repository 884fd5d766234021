package dev.fortress.tasks.internal;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.api.Category;

/** The {@code categories} table. */
@Repository
class Categories {

	private static final RowMapper<Category> MAPPER = (rs, n) -> new Category(rs.getObject("id", UUID.class),
			rs.getObject("project_id", UUID.class), rs.getString("name"), rs.getString("color"), rs.getLong("version"),
			rs.getTimestamp("created_at").toInstant());

	private final JdbcClient jdbc;

	Categories(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Category category) {
		try {
			this.jdbc.sql("""
					insert into categories (id, project_id, name, color, version, created_at)
					values (:id, :projectId, :name, :color, 0, :createdAt)
					""")
				.param("id", category.id())
				.param("projectId", category.projectId())
				.param("name", category.name())
				.param("color", category.color())
				.param("createdAt", Timestamp.from(category.createdAt()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("A category with this name exists in the project");
		}
	}

	Optional<Category> find(UUID id) {
		return this.jdbc.sql("select * from categories where id = :id").param("id", id).query(MAPPER).optional();
	}

	List<Category> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from categories where id = any(:ids)")
			.param("ids", ids.toArray(UUID[]::new))
			.query(MAPPER)
			.list();
	}

	List<Category> list(UUID projectId) {
		return this.jdbc.sql("select * from categories where project_id = :projectId order by lower(name), id")
			.param("projectId", projectId)
			.query(MAPPER)
			.list();
	}

	boolean update(Category category, long expectedVersion) {
		try {
			return this.jdbc.sql("""
					update categories set name = :name, color = :color, version = version + 1
					where id = :id and version = :expected
					""")
				.param("id", category.id())
				.param("name", category.name())
				.param("color", category.color())
				.param("expected", expectedVersion)
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("A category with this name exists in the project");
		}
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from categories where id = :id").param("id", id).update();
	}

}
