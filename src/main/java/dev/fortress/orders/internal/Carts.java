package dev.fortress.orders.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code cart_items} table: one row per user and SKU. */
@Repository
class Carts {

	record Line(String sku, int quantity) {
	}

	private final JdbcClient jdbc;

	Carts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Line> lines(UUID userId) {
		return this.jdbc.sql("select sku, quantity from cart_items where user_id = :userId order by added_at, sku")
			.param("userId", userId)
			.query((rs, n) -> new Line(rs.getString("sku"), rs.getInt("quantity")))
			.list();
	}

	void put(UUID userId, String sku, int quantity, Instant now) {
		this.jdbc.sql("""
				insert into cart_items (user_id, sku, quantity, added_at) values (:userId, :sku, :quantity, :now)
				on conflict (user_id, sku) do update set quantity = excluded.quantity
				""")
			.param("userId", userId)
			.param("sku", sku)
			.param("quantity", quantity)
			.param("now", Timestamp.from(now))
			.update();
	}

	boolean remove(UUID userId, String sku) {
		return this.jdbc.sql("delete from cart_items where user_id = :userId and sku = :sku")
			.param("userId", userId)
			.param("sku", sku)
			.update() == 1;
	}

	int count(UUID userId) {
		return this.jdbc.sql("select count(*) from cart_items where user_id = :userId")
			.param("userId", userId)
			.query(Integer.class)
			.single();
	}

	/** Paid SKUs leave the cart, in the transaction that marks the order paid. */
	/**
	 * Removes the bought SKUs of several users (a batch of free orders) in one statement.
	 */
	void removeBought(List<Map.Entry<UUID, String>> bought) {
		this.jdbc.sql("""
				delete from cart_items c using unnest(cast(:users as uuid[]), cast(:skus as text[])) as b (user_id, sku)
				where c.user_id = b.user_id and c.sku = b.sku
				""")
			.param("users", bought.stream().map(entry -> entry.getKey().toString()).toArray(String[]::new))
			.param("skus", bought.stream().map(Map.Entry::getValue).toArray(String[]::new))
			.update();
	}

	void removeBought(UUID userId, Collection<String> skus) {
		this.jdbc.sql("delete from cart_items where user_id = :userId and sku = any(:skus)")
			.param("userId", userId)
			.param("skus", skus.toArray(String[]::new))
			.update();
	}

}
