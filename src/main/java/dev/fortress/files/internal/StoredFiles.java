package dev.fortress.files.internal;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.files.StoredFile;

/** The {@code files} table; a file's blob is under {@code files/<id>}. */
@Repository
class StoredFiles {

	private static final String COLUMNS = "id, owner_id, name, size, content_type, sha256, created_at";

	private static final RowMapper<StoredFile> ROW = (rs, n) -> new StoredFile(rs.getObject("id", UUID.class),
			rs.getObject("owner_id", UUID.class), rs.getString("name"), rs.getLong("size"),
			rs.getString("content_type"), rs.getString("sha256"), rs.getTimestamp("created_at").toInstant());

	private final JdbcClient jdbc;

	StoredFiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(StoredFile file) {
		this.jdbc.sql("""
				insert into files (id, owner_id, name, size, content_type, sha256, created_at)
				values (:id, :owner, :name, :size, :type, :sha256, :at)
				""")
			.param("id", file.id())
			.param("owner", file.ownerId())
			.param("name", file.name())
			.param("size", file.size())
			.param("type", file.contentType())
			.param("sha256", file.sha256())
			.param("at", Timestamp.from(file.createdAt()))
			.update();
	}

	Optional<StoredFile> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from files where id = :id").param("id", id).query(ROW).optional();
	}

	List<StoredFile> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from files where id = any(:ids)")
			.param("ids", ids.toArray(UUID[]::new))
			.query(ROW)
			.list();
	}

}
