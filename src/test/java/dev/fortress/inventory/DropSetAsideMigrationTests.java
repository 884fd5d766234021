package dev.fortress.inventory;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V23 on drops written when a drop was only a cap on its SKU's stock: a fresh schema is
 * migrated to V22, given stock and drops, then migrated to the latest version.
 */
class DropSetAsideMigrationTests extends IntegrationTest {

	@Autowired
	private DataSource dataSource;

	@Test
	void openDropsSetAsideWhatTheShelfCanGiveEarliestFirstAndEndedDropsAreClosed() {
		String schema = "aside_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		migrate(schema, "22");
		JdbcClient db = JdbcClient.create(this.dataSource);
		// the schema name is generated above, never input: safe to splice
		db.sql("insert into " + schema + ".stock (sku, on_hand, reserved, updated_at) values"
				+ " ('A', 10, 2, now()), ('B', 4, 0, now())")
			.update();
		Instant now = Instant.now();
		UUID live = drop(db, schema, "A", 5, now.minus(Duration.ofHours(1)), null);
		UUID later = drop(db, schema, "A", 6, now.plus(Duration.ofHours(1)), null);
		UUID ended = drop(db, schema, "B", 4, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));

		migrate(schema, null);

		assertThat(db.sql("select reserved from " + schema + ".stock order by sku").query(Integer.class).list())
			.as("A: 2 for a pending order, 5 for the live drop, the 3 left for the later one; B: none")
			.containsExactly(10, 0);
		assertThat(remaining(db, schema, List.of(live, later, ended))).containsExactly(5, 3, 4);
		assertThat(db.sql("select id from " + schema + ".drops where closed_at is not null").query(UUID.class).list())
			.containsExactly(ended);
		db.sql("drop schema " + schema + " cascade").update();
	}

	private void migrate(String schema, String target) {
		var flyway = Flyway.configure().dataSource(this.dataSource).schemas(schema).locations("classpath:db/migration");
		(target == null ? flyway : flyway.target(target)).load().migrate();
	}

	private static UUID drop(JdbcClient db, String schema, String sku, int quantity, Instant startsAt,
			@Nullable Instant endsAt) {
		UUID id = UUID.randomUUID();
		db.sql("insert into " + schema + ".drops (id, sku, quantity, remaining, starts_at, ends_at,"
				+ " per_customer_limit, created_at) values (:id, :sku, :q, :q, :startsAt, :endsAt, 1, now())")
			.param("id", id)
			.param("sku", sku)
			.param("q", quantity)
			.param("startsAt", Timestamp.from(startsAt))
			.param("endsAt", endsAt == null ? null : Timestamp.from(endsAt))
			.update();
		return id;
	}

	private static List<Integer> remaining(JdbcClient db, String schema, List<UUID> drops) {
		return drops.stream()
			.map(id -> db.sql("select remaining from " + schema + ".drops where id = :id")
				.param("id", id)
				.query(Integer.class)
				.single())
			.toList();
	}

}
