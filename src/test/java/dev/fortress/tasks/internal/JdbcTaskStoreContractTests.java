package dev.fortress.tasks.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.platform.Ids;

/**
 * The task store contract on the JDBC store against the real PostgreSQL. Same
 * configuration as every integration test, so it shares their application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JdbcTaskStoreContractTests extends TaskStoreContract {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	private JdbcTaskStore store;

	private UUID user;

	@BeforeEach
	void createUser() {
		this.store = new JdbcTaskStore(this.jdbc);
		this.user = Ids.newId();
		this.jdbc.sql("""
				insert into users (id, email, display_name, password_hash, role, created_at, updated_at)
				values (:id, :email, 'contract', 'x', 'EDITOR', now(), now())
				""").param("id", this.user).param("email", "contract-" + this.user + "@example.com").update();
	}

	@Override
	protected TaskStore store() {
		return this.store;
	}

	@Override
	protected UUID user() {
		return this.user;
	}

	@Override
	protected UUID newProject() {
		UUID id = Ids.newId();
		this.jdbc.sql("""
				insert into projects (id, name, created_by, created_at, updated_at)
				values (:id, 'contract', :user, :now, :now)
				""").param("id", id).param("user", this.user).param("now", Timestamp.from(Instant.now())).update();
		return id;
	}

	@Override
	protected UUID newCategory(UUID project) {
		UUID id = Ids.newId();
		this.jdbc.sql("""
				insert into categories (id, project_id, name, created_at) values (:id, :project, :name, now())
				""").param("id", id).param("project", project).param("name", "c-" + id).update();
		return id;
	}

	@Override
	protected void join(UUID project) {
		this.jdbc.sql("""
				insert into project_members (project_id, user_id, role, added_at)
				values (:project, :user, 'VIEWER', now())
				""").param("project", project).param("user", this.user).update();
	}

	@Override
	protected TransactionTemplate transactions() {
		return new TransactionTemplate(this.transactionManager);
	}

}
