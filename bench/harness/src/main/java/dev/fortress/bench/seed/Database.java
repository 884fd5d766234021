package dev.fortress.bench.seed;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Direct access to the embedded PostgreSQL, for what the HTTP API does not offer: the
 * invariant checks after each phase (orders, events and stock as stored), the server's
 * durability settings and statistics, and bulk seeding of tasks. Used only between
 * measured windows (or for two tiny statistics queries at a window's edges), so it does
 * not disturb what is measured.
 */
public final class Database implements AutoCloseable {

	private final Connection connection;

	/**
	 * Connects as the embedded server's superuser, whose password Fortress generated into
	 * {@code <dataDir>/keys/postgres.properties} on its first start.
	 */
	public Database(int port, Path dataDir) throws SQLException, IOException {
		Properties passwords = new Properties();
		try (Reader reader = Files.newBufferedReader(dataDir.resolve("keys").resolve("postgres.properties"))) {
			passwords.load(reader);
		}
		this.connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
				passwords.getProperty("superuser", ""));
		this.connection.setAutoCommit(true);
	}

	/** fsync, synchronous_commit and the server version, as the server runs them. */
	public Map<String, String> settings() throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes",
				"shared_buffers", "max_connections")) {
			try (Statement statement = this.connection.createStatement();
					ResultSet rs = statement.executeQuery("show " + name)) {
				rs.next();
				settings.put(name, rs.getString(1));
			}
		}
		return settings;
	}

	/** What the database holds for one drop, to compare with what clients were told. */
	public record DropAudit(int quantity, int remaining, int perCustomerLimit, Map<String, Long> ordersByStatus,
			long liveUnits, long maxLiveUnitsPerUser, long eventOrders, long eventRows, long ordersWithoutEvent,
			long eventsWithoutOrder, int stockOnHand, int stockReserved) {

		public long orders() {
			return this.ordersByStatus.values().stream().mapToLong(Long::longValue).sum();
		}

		public long liveOrders() {
			return orders() - this.ordersByStatus.getOrDefault("CANCELLED", 0L);
		}

		public long sold() {
			return (long) this.quantity - this.remaining;
		}

	}

	/**
	 * Audits a drop in one repeatable-read snapshot: settlement and reconciliation may
	 * still be moving orders while the audit reads, and separate snapshots would see
	 * stock and orders from different instants.
	 */
	public DropAudit audit(UUID dropId) throws SQLException {
		this.connection.setAutoCommit(false);
		this.connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		this.connection.setReadOnly(true);
		try {
			return auditInSnapshot(dropId);
		}
		finally {
			this.connection.rollback();
			this.connection.setReadOnly(false);
			this.connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			this.connection.setAutoCommit(true);
		}
	}

	private DropAudit auditInSnapshot(UUID dropId) throws SQLException {
		int quantity;
		int remaining;
		int limit;
		String sku;
		try (PreparedStatement drop = this.connection
			.prepareStatement("select quantity, remaining, per_customer_limit, sku from drops where id = ?")) {
			drop.setObject(1, dropId);
			try (ResultSet rs = drop.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("no drop " + dropId);
				}
				quantity = rs.getInt(1);
				remaining = rs.getInt(2);
				limit = rs.getInt(3);
				sku = rs.getString(4);
			}
		}
		Map<String, Long> byStatus = new LinkedHashMap<>();
		try (PreparedStatement orders = this.connection.prepareStatement(
				"select status, count(*) from orders where drop_id = ? group by status order by status")) {
			orders.setObject(1, dropId);
			try (ResultSet rs = orders.executeQuery()) {
				while (rs.next()) {
					byStatus.put(rs.getString(1), rs.getLong(2));
				}
			}
		}
		long liveUnits = single("""
				select coalesce(sum(l.quantity), 0) from orders o join order_lines l on l.order_id = o.id
				where o.drop_id = ? and o.status <> 'CANCELLED'""", dropId);
		long maxPerUser = single("""
				select coalesce(max(units), 0) from (
				  select sum(l.quantity) units from orders o join order_lines l on l.order_id = o.id
				  where o.drop_id = ? and o.status <> 'CANCELLED' group by o.user_id) per_user""", dropId);
		Set<String> orderIds = strings("select id::text from orders where drop_id = ?", dropId);
		// One publication row per event and listener; the event is the order id in it.
		List<String> eventOrderIds = new ArrayList<>();
		try (PreparedStatement events = this.connection.prepareStatement("""
				select serialized_event::jsonb ->> 'orderId' from event_publication
				where event_type like '%.OrderPlaced' and serialized_event::jsonb ->> 'dropId' = ?""")) {
			events.setString(1, dropId.toString());
			try (ResultSet rs = events.executeQuery()) {
				while (rs.next()) {
					eventOrderIds.add(rs.getString(1));
				}
			}
		}
		Set<String> eventOrders = new HashSet<>(eventOrderIds);
		Set<String> withoutEvent = new HashSet<>(orderIds);
		withoutEvent.removeAll(eventOrders);
		Set<String> withoutOrder = new HashSet<>(eventOrders);
		withoutOrder.removeAll(orderIds);
		int onHand;
		int reserved;
		try (PreparedStatement stock = this.connection
			.prepareStatement("select on_hand, reserved from stock where sku = ?")) {
			stock.setString(1, sku);
			try (ResultSet rs = stock.executeQuery()) {
				rs.next();
				onHand = rs.getInt(1);
				reserved = rs.getInt(2);
			}
		}
		return new DropAudit(quantity, remaining, limit, byStatus, liveUnits, maxPerUser, eventOrders.size(),
				eventOrderIds.size(), withoutEvent.size(), withoutOrder.size(), onHand, reserved);
	}

	/** Paid orders of a drop that have no shipment request yet (fulfilment's lag). */
	public long unshipped(UUID dropId) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("""
				select count(*) from orders o
				where o.drop_id = ? and o.status = 'PAID'
				  and not exists (select 1 from shipments s where s.order_id = o.id)""")) {
			statement.setObject(1, dropId);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/**
	 * Server-wide counters of the benchmark database: commits, rollbacks and rows
	 * written, and rows written per table (to count what one checkout costs the
	 * database).
	 */
	public Map<String, Long> counters() throws SQLException {
		Map<String, Long> counters = new LinkedHashMap<>();
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("select pg_stat_clear_snapshot()");
			try (ResultSet rs = statement.executeQuery("""
					select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched
					from pg_stat_database where datname = current_database()""")) {
				rs.next();
				counters.put("commits", rs.getLong(1));
				counters.put("rollbacks", rs.getLong(2));
				counters.put("rows inserted", rs.getLong(3));
				counters.put("rows updated", rs.getLong(4));
				counters.put("rows deleted", rs.getLong(5));
				counters.put("rows returned", rs.getLong(6));
				counters.put("rows fetched", rs.getLong(7));
			}
			try (ResultSet rs = statement.executeQuery("""
					select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables""")) {
				while (rs.next()) {
					counters.put("writes " + rs.getString(1), rs.getLong(2));
				}
			}
		}
		return counters;
	}

	/**
	 * Grows a project to {@code total} tasks by copying the ones already created through
	 * the API, in one statement: creating 100,000 tasks over HTTP would take minutes of a
	 * shared machine for a read benchmark. The copies get new ids, titles and creation
	 * times; every other column (present or added later) is copied as it is, so they are
	 * rows the application itself could have written, and so are their labels, which the
	 * list reads (without them the labels table stays a few hundred rows, PostgreSQL
	 * scans it whole for each task of a page, and that scan was most of a page's
	 * PostgreSQL CPU). Their history rows are not copied: only the task list is measured
	 * on them.
	 */
	public int growTasks(UUID projectId, int total) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery("""
				select column_name from information_schema.columns
				where table_schema = current_schema() and table_name = 'tasks' and is_generated = 'NEVER'
				order by ordinal_position""")) {
			while (rs.next()) {
				columns.add(rs.getString(1));
			}
		}
		List<String> values = new ArrayList<>();
		for (String column : columns) {
			values.add(switch (column) {
				case "id" -> "c.id";
				case "title" -> "left('Seeded task ' || c.g || ': ' || t.title, 200)";
				case "parent_id" -> "null";
				case "created_at", "updated_at" -> "t." + column + " - make_interval(secs => c.g)";
				default -> "t." + quote(column);
			});
		}
		long existing = single("select count(*) from tasks where project_id = ?", projectId);
		if (existing >= total) {
			return 0;
		}
		// The copies are numbered against their templates first, in a table of their own:
		// a lateral look-up into tasks would walk the index entries the insert itself
		// adds
		// (invisible to it, but still visited), which makes the copy quadratic; and the
		// labels are then copied from the same pairs.
		long templates = single("select count(*) from tasks where project_id = ? and parent_id is null", projectId);
		try (PreparedStatement copies = this.connection.prepareStatement("""
				create temporary table task_copies on commit drop as
				with templates as materialized (select id, row_number() over (order by id) - 1 as n
				from tasks where project_id = ? and parent_id is null)
				select gen_random_uuid() as id, t.id as template, g from generate_series(1, ?) g
				join templates t on t.n = g % ?""")) {
			boolean autoCommit = this.connection.getAutoCommit();
			this.connection.setAutoCommit(false);
			try {
				copies.setObject(1, projectId);
				copies.setLong(2, total - existing);
				copies.setLong(3, templates);
				copies.execute();
				int inserted;
				try (Statement statement = this.connection.createStatement()) {
					inserted = statement.executeUpdate("insert into tasks ("
							+ String.join(", ", columns.stream().map(Database::quote).toList()) + ") select "
							+ String.join(", ", values) + " from task_copies c join tasks t on t.id = c.template");
					statement.executeUpdate("insert into task_labels (task_id, label) select c.id, l.label"
							+ " from task_copies c join task_labels l on l.task_id = c.template");
				}
				this.connection.commit();
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("analyze tasks");
					statement.execute("analyze task_labels");
				}
				return inserted;
			}
			finally {
				this.connection.setAutoCommit(autoCommit);
			}
		}
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private long single(String sql, Object parameter) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setObject(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private Set<String> strings(String sql, Object parameter) throws SQLException {
		Set<String> values = new HashSet<>();
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setObject(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					values.add(rs.getString(1));
				}
			}
		}
		return values;
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
