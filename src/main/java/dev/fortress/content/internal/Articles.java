package dev.fortress.content.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.content.ArticleStatus;

/** Articles and their versions in PostgreSQL. */
@Repository
class Articles {

	private static final String COLUMNS = "id, author_id, project_id, title, body, body_html, tags, status, version, "
			+ "created_at, updated_at, published_at, held";

	private final JdbcClient jdbc;

	Articles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Article article) {
		this.jdbc.sql("""
				insert into articles (id, author_id, project_id, title, body, body_html, tags, status, version,
				                      created_at, updated_at, published_at, held)
				values (:id, :author, :project, :title, :body, :html, :tags, :status, :version, :created, :updated,
				        :published, :held)
				""").params(columns(article)).update();
	}

	/** The article's columns by parameter name, for the insert and the update alike. */
	private static Map<String, @Nullable Object> columns(Article article) {
		Map<String, @Nullable Object> columns = new HashMap<>();
		columns.put("id", article.id());
		columns.put("author", article.authorId());
		columns.put("project", article.projectId());
		columns.put("title", article.title());
		columns.put("body", article.body());
		columns.put("html", article.html());
		columns.put("tags", article.tags().toArray(String[]::new));
		columns.put("status", article.status().name());
		columns.put("version", article.version());
		columns.put("created", Timestamp.from(article.createdAt()));
		columns.put("updated", Timestamp.from(article.updatedAt()));
		columns.put("published", timestamp(article.publishedAt()));
		columns.put("held", article.held());
		return columns;
	}

	/** Writes the next state if the stored version is still the one it was made from. */
	boolean update(Article article, long expectedVersion) {
		return this.jdbc.sql("""
				update articles set title = :title, body = :body, body_html = :html, tags = :tags, status = :status,
				       version = :version, updated_at = :updated, published_at = :published, held = :held
				where id = :id and version = :expected
				""").params(columns(article)).param("expected", expectedVersion).update() == 1;
	}

	void addVersion(UUID articleId, ArticleVersion version) {
		this.jdbc.sql("""
				insert into article_versions (article_id, version, title, body, tags, status, edited_by, created_at)
				values (:id, :version, :title, :body, :tags, :status, :editedBy, :created)
				""")
			.param("id", articleId)
			.param("version", version.version())
			.param("title", version.title())
			.param("body", version.body())
			.param("tags", version.tags().toArray(String[]::new))
			.param("status", version.status().name())
			.param("editedBy", version.editedBy())
			.param("created", Timestamp.from(version.createdAt()))
			.update();
	}

	Optional<Article> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from articles where id = :id")
			.param("id", id)
			.query(Articles::article)
			.optional();
	}

	Optional<Article> findForUpdate(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from articles where id = :id for update")
			.param("id", id)
			.query(Articles::article)
			.optional();
	}

	boolean delete(UUID id) {
		return this.jdbc.sql("delete from articles where id = :id").param("id", id).update() == 1;
	}

	/** The versions, oldest first (their diffs left empty: the caller computes them). */
	List<ArticleVersion> versions(UUID articleId) {
		return this.jdbc.sql("""
				select version, title, body, tags, status, edited_by, created_at from article_versions
				where article_id = :id order by version
				""")
			.param("id", articleId)
			.query((rs, n) -> new ArticleVersion(rs.getLong("version"), rs.getString("title"), rs.getString("body"),
					strings(rs.getArray("tags")), ArticleStatus.valueOf(rs.getString("status")),
					rs.getObject("edited_by", UUID.class), rs.getTimestamp("created_at").toInstant(), List.of()))
			.list();
	}

	/**
	 * The articles the caller may see that match the filters, newest change first (best
	 * match first with {@code q}). Visibility is part of the statement: published ones in
	 * the workspace or in a readable project, and the caller's own at any status; an
	 * ADMIN also sees what waits in REVIEW. A held article is its author's and ADMINs'
	 * alone, whatever its status.
	 * @param projects the projects the caller may read, {@code null} for all
	 */
	List<Article> list(UUID caller, boolean admin, @Nullable Set<UUID> projects, @Nullable String q,
			@Nullable String tag, @Nullable UUID projectId, @Nullable ArticleStatus status, int limit) {
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from articles where (author_id = :caller"
				+ " or (status = 'PUBLISHED' and (project_id is null or :all or project_id = any(:projects)))"
				+ " or (status = 'REVIEW' and :admin))" + " and (not held or author_id = :caller or :admin)");
		if (q != null) {
			sql.append(" and search @@ websearch_to_tsquery('english', :q)");
		}
		if (tag != null) {
			sql.append(" and tags @> array[cast(:tag as text)]");
		}
		if (projectId != null) {
			sql.append(" and project_id = :projectId");
		}
		if (status != null) {
			sql.append(" and status = :status");
		}
		sql.append(q != null ? " order by ts_rank(search, websearch_to_tsquery('english', :q)) desc, id"
				: " order by updated_at desc, id desc");
		sql.append(" limit :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("caller", caller)
			.param("all", projects == null)
			.param("projects", projects == null ? new UUID[0] : projects.toArray(UUID[]::new))
			.param("admin", admin)
			.param("limit", limit);
		if (q != null) {
			statement = statement.param("q", q);
		}
		if (tag != null) {
			statement = statement.param("tag", tag);
		}
		if (projectId != null) {
			statement = statement.param("projectId", projectId);
		}
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		return statement.query(Articles::article).list();
	}

	/** Holds the article (or releases it); false if it does not exist. */
	boolean hold(UUID id, boolean held) {
		return this.jdbc.sql("update articles set held = :held where id = :id")
			.param("id", id)
			.param("held", held)
			.update() == 1;
	}

	List<UUID> idsAfter(@Nullable UUID after, int limit) {
		return this.jdbc
			.sql("select id from articles where (cast(:after as uuid) is null or id > :after) "
					+ "order by id limit :limit")
			.param("after", after)
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	List<UUID> idsInProject(UUID projectId) {
		return this.jdbc.sql("select id from articles where project_id = :projectId")
			.param("projectId", projectId)
			.query(UUID.class)
			.list();
	}

	private static Article article(ResultSet rs, int row) throws SQLException {
		Timestamp published = rs.getTimestamp("published_at");
		return new Article(rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class),
				rs.getObject("project_id", UUID.class), rs.getString("title"), rs.getString("body"),
				rs.getString("body_html"), strings(rs.getArray("tags")), ArticleStatus.valueOf(rs.getString("status")),
				rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), published == null ? null : published.toInstant(),
				rs.getBoolean("held") ? Article.HELD : null);
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
