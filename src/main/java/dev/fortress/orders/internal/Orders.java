package dev.fortress.orders.internal;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Money;

/** The {@code orders} and {@code order_lines} tables. */
@Repository
class Orders {

	private static final String COLUMNS = "id, user_id, drop_id, status, total_amount, currency, payment_token, payment_id, refund_id, cancel_reason, version, created_at, updated_at";

	private static final RowMapper<Order> MAPPER = (rs, n) -> new Order(rs.getObject("id", UUID.class),
			rs.getObject("user_id", UUID.class), rs.getObject("drop_id", UUID.class),
			OrderStatus.valueOf(rs.getString("status")), List.of(),
			new Money(rs.getLong("total_amount"), rs.getString("currency")), rs.getString("payment_token"),
			rs.getString("payment_id"), rs.getString("refund_id"), rs.getString("cancel_reason"), rs.getLong("version"),
			rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	Orders(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/**
	 * Inserts the orders and their lines: two JDBC batches, whatever the number of
	 * orders.
	 */
	void insertAll(List<Order> orders) {
		this.batch.batchUpdate("""
				insert into orders (id, user_id, drop_id, status, total_amount, currency, payment_token, payment_id,
				                    version, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", orders.stream()
			.map(order -> new Object[] { order.id(), order.userId(), new SqlParameterValue(Types.OTHER, order.dropId()),
					order.status().name(), order.total().amount(), order.total().currency(), order.paymentToken(),
					new SqlParameterValue(Types.VARCHAR, order.paymentId()), order.version(),
					Timestamp.from(order.createdAt()), Timestamp.from(order.updatedAt()) })
			.toList());
		this.batch
			.batchUpdate("insert into order_lines (order_id, sku, quantity, unit_amount) values (?, ?, ?, ?)", orders
				.stream()
				.flatMap(order -> order.lines()
					.stream()
					.map(line -> new Object[] { order.id(), line.sku(), line.quantity(), line.unitPrice().amount() }))
				.toList());
	}

	Optional<Order> find(UUID id) {
		return one("select " + COLUMNS + " from orders where id = :id", id);
	}

	/** Locks the order row until commit: state changes of one order run one at a time. */
	Optional<Order> lock(UUID id) {
		return one("select " + COLUMNS + " from orders where id = :id for update", id);
	}

	/**
	 * Locks the row of an order whose lines the caller has (they never change) and
	 * returns its current state with them: one statement instead of two.
	 */
	Order lock(Order known) {
		return this.jdbc.sql("select " + COLUMNS + " from orders where id = :id for update")
			.param("id", known.id())
			.query(MAPPER)
			.single()
			.withLines(known.lines());
	}

	private Optional<Order> one(String sql, UUID id) {
		return this.jdbc.sql(sql)
			.param("id", id)
			.query(MAPPER)
			.optional()
			.map(order -> order.withLines(linesOf(List.of(order)).getOrDefault(order.id(), List.of())));
	}

	/**
	 * Newest first, after the given id; all users' orders when {@code userId} is null.
	 */
	List<Order> page(@Nullable UUID userId, @Nullable UUID before, int limit) {
		String where = (userId == null ? "true" : "user_id = :userId") + (before == null ? "" : " and id < :before");
		var statement = this.jdbc
			.sql("select " + COLUMNS + " from orders where " + where + " order by id desc limit :limit")
			.param("limit", limit);
		if (userId != null) {
			statement = statement.param("userId", userId);
		}
		if (before != null) {
			statement = statement.param("before", before);
		}
		List<Order> orders = statement.query(MAPPER).list();
		Map<UUID, List<OrderLine>> lines = linesOf(orders);
		return orders.stream().map(order -> order.withLines(lines.getOrDefault(order.id(), List.of()))).toList();
	}

	/** Orders still waiting for their payment since before {@code cutoff}. */
	List<Order> pendingSince(Instant cutoff, int limit) {
		List<Order> orders = this.jdbc.sql("select " + COLUMNS
				+ " from orders where status = 'PENDING_PAYMENT' and updated_at < :cutoff order by updated_at limit :limit")
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.query(MAPPER)
			.list();
		Map<UUID, List<OrderLine>> lines = linesOf(orders);
		return orders.stream().map(order -> order.withLines(lines.getOrDefault(order.id(), List.of()))).toList();
	}

	/** The ids of orders waiting for their refund, the longest waiting first. */
	List<UUID> refunding(int limit) {
		return this.jdbc.sql("select id from orders where status = 'REFUNDING' order by updated_at limit :limit")
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	void touch(UUID id, Instant now) {
		this.jdbc.sql("update orders set updated_at = :now where id = :id")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/**
	 * Writes an order's state after a transition; the caller holds the row lock. Lines
	 * never change.
	 */
	void update(Order order) {
		writeState(order, "").update();
	}

	/**
	 * Writes an order's state after a transition if the row is still at
	 * {@code expectedVersion}; false if it changed meanwhile (nothing written then).
	 */
	boolean updateIfVersion(Order order, long expectedVersion) {
		return writeState(order, " and version = :expected").param("expected", expectedVersion).update() == 1;
	}

	private JdbcClient.StatementSpec writeState(Order order, String condition) {
		return this.jdbc.sql("""
				update orders set status = :status, payment_id = :paymentId, refund_id = :refundId,
				       cancel_reason = :reason, version = :version, updated_at = :now
				where id = :id""" + condition)
			.param("status", order.status().name())
			.param("paymentId", order.paymentId())
			.param("refundId", order.refundId())
			.param("reason", order.cancelReason())
			.param("version", order.version())
			.param("now", Timestamp.from(order.updatedAt()))
			.param("id", order.id());
	}

	private Map<UUID, List<OrderLine>> linesOf(Collection<Order> orders) {
		if (orders.isEmpty()) {
			return Map.of();
		}
		Map<UUID, String> currency = orders.stream()
			.collect(Collectors.toMap(Order::id, order -> order.total().currency()));
		return this.jdbc
			.sql("select order_id, sku, quantity, unit_amount from order_lines where order_id = any(:ids) order by sku")
			.param("ids", currency.keySet().toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(rs.getObject("order_id", UUID.class),
					new OrderLine(rs.getString("sku"), rs.getInt("quantity"),
							new Money(rs.getLong("unit_amount"), currency.get(rs.getObject("order_id", UUID.class))))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

}
