package dev.fortress.inventory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.inventory.StockLevel;
import dev.fortress.platform.persistence.WriteGeneration;

/**
 * The {@code stock} table: one row per SKU. Every write goes through here and records
 * itself in {@link #generation()}, so caches of what is available (the public product
 * pages) can tell that they are stale.
 */
@Repository
class Stocks {

	private static final RowMapper<StockLevel> MAPPER = (rs, n) -> new StockLevel(rs.getString("sku"),
			rs.getInt("on_hand"), rs.getInt("reserved"), rs.getLong("version"));

	private final JdbcClient jdbc;

	private final WriteGeneration generation = new WriteGeneration();

	Stocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Moves on after each committed write of this instance to the {@code stock} table.
	 */
	WriteGeneration generation() {
		return this.generation;
	}

	private int written(int rows) {
		if (rows > 0) {
			this.generation.written();
		}
		return rows;
	}

	boolean insert(String sku, int onHand, Instant now) {
		return written(this.jdbc.sql("""
				insert into stock (sku, on_hand, reserved, updated_at) values (:sku, :onHand, 0, :now)
				on conflict (sku) do nothing
				""").param("sku", sku).param("onHand", onHand).param("now", Timestamp.from(now)).update()) == 1;
	}

	Optional<StockLevel> find(String sku) {
		return this.jdbc.sql("select sku, on_hand, reserved, version from stock where sku = :sku")
			.param("sku", sku)
			.query(MAPPER)
			.optional();
	}

	/**
	 * Reads the row and locks it until commit, so a restock waits for a checkout that
	 * holds it instead of losing a version race it never asked for.
	 */
	Optional<StockLevel> lock(String sku) {
		return this.jdbc.sql("select sku, on_hand, reserved, version from stock where sku = :sku for update")
			.param("sku", sku)
			.query(MAPPER)
			.optional();
	}

	List<StockLevel> findAll(Collection<String> skus) {
		return this.jdbc.sql("select sku, on_hand, reserved, version from stock where sku = any(:skus)")
			.param("skus", skus.toArray(String[]::new))
			.query(MAPPER)
			.list();
	}

	OptionalInt lockAvailable(String sku) {
		return this.jdbc.sql("select on_hand - reserved from stock where sku = :sku for update")
			.param("sku", sku)
			.query(Integer.class)
			.optional()
			.map(OptionalInt::of)
			.orElse(OptionalInt.empty());
	}

	/**
	 * Sets on-hand units unless that would drop below what is reserved or the row is no
	 * longer at {@code expectedVersion}; false if so.
	 */
	boolean setOnHand(String sku, int onHand, long expectedVersion, Instant now) {
		return written(this.jdbc.sql("""
				update stock set on_hand = :onHand, version = version + 1, updated_at = :now
				where sku = :sku and reserved <= :onHand and version = :version
				""")
			.param("onHand", onHand)
			.param("now", Timestamp.from(now))
			.param("sku", sku)
			.param("version", expectedVersion)
			.update()) == 1;
	}

	void addReserved(String sku, int quantity) {
		written(this.jdbc.sql("update stock set reserved = reserved + :q, version = version + 1 where sku = :sku")
			.param("q", quantity)
			.param("sku", sku)
			.update());
	}

	boolean tryReserve(String sku, int quantity) {
		return written(this.jdbc.sql("""
				update stock set reserved = reserved + :q, version = version + 1
				where sku = :sku and on_hand - reserved >= :q
				""").param("q", quantity).param("sku", sku).update()) == 1;
	}

	void addOnHandAndReserved(String sku, int onHandDelta, int reservedDelta) {
		written(this.jdbc.sql("""
				update stock set on_hand = on_hand + :onHand, reserved = reserved + :reserved, version = version + 1
				where sku = :sku
				""").param("onHand", onHandDelta).param("reserved", reservedDelta).param("sku", sku).update());
	}

}
