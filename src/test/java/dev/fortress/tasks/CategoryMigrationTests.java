package dev.fortress.tasks;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The category evolution (V11 expand, V12 backfill, V13 contract) on data written by the
 * release before it: a fresh schema is migrated to V10, filled with tasks that still
 * carry free-text categories, then migrated to the latest version.
 */
class CategoryMigrationTests extends IntegrationTest {

	@Autowired
	private DataSource dataSource;

	@Test
	void existingFreeTextCategoriesBecomeCategoryRowsPerProject() {
		String schema = "evolution_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(schema)
			.locations("classpath:db/migration")
			.target("10")
			.load()
			.migrate();
		JdbcClient old = JdbcClient.create(this.dataSource);
		UUID user = UUID.randomUUID();
		UUID p1 = UUID.randomUUID();
		UUID p2 = UUID.randomUUID();
		// the schema name is generated above, never input: safe to splice
		old.sql("insert into " + schema
				+ ".users (id, email, display_name, password_hash, role, created_at, updated_at)"
				+ " values (:id, 'old@example.com', 'Old', 'x', 'EDITOR', now(), now())")
			.param("id", user)
			.update();
		for (UUID project : List.of(p1, p2)) {
			old.sql("insert into " + schema + ".projects (id, name, created_by, created_at, updated_at)"
					+ " values (:id, 'p', :user, now(), now())")
				.param("id", project)
				.param("user", user)
				.update();
		}
		Map<String, UUID> tasks = Map.of("Backend", p1, " backend ", p1, "Docs", p1, "", p2, "Backend ", p2);
		tasks.forEach((category, project) -> old.sql("insert into " + schema + ".tasks (id, project_id, type, title,"
				+ " priority, status, category, version, created_by, created_at, updated_at)"
				+ " values (gen_random_uuid(), :project, 'TASK', 't', 2, 'TODO', :category, 1, :user, now(), now())")
			.param("project", project)
			.param("category", category)
			.param("user", user)
			.update());
		old.sql("insert into " + schema + ".tasks (id, project_id, type, title, priority, status, version, created_by,"
				+ " created_at, updated_at) values (gen_random_uuid(), :p, 'TASK', 'none', 2, 'TODO', 1, :u, now(), now())")
			.param("p", p1)
			.param("u", user)
			.update();

		Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(schema)
			.locations("classpath:db/migration")
			.load()
			.migrate();

		List<String> categories = old
			.sql("select project_id || ':' || lower(name) from " + schema + ".categories order by 1")
			.query(String.class)
			.list();
		assertThat(categories).containsExactlyInAnyOrder(p1 + ":backend", p1 + ":docs", p2 + ":backend");
		int linked = old
			.sql("select count(*) from " + schema + ".tasks t join " + schema
					+ ".categories c on c.id = t.category_id and c.project_id = t.project_id")
			.query(Integer.class)
			.single();
		assertThat(linked).as("every task with a category, in its own project").isEqualTo(4);
		int columns = old
			.sql("select count(*) from information_schema.columns where table_schema = :s"
					+ " and table_name = 'tasks' and column_name = 'category'")
			.param("s", schema)
			.query(Integer.class)
			.single();
		assertThat(columns).as("the free-text column is gone after the contract step").isZero();
		old.sql("drop schema " + schema + " cascade").update();
	}

}
