package dev.fortress.inventory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.StockLedger;
import dev.fortress.platform.persistence.WriteGeneration;

/**
 * The {@code drops} and {@code drop_purchases} tables. Every write of {@code drops}
 * records itself in {@link #generation()} (in memory, after the commit: no statement and
 * no network call is added to checkout), so the cache of public drop reads can tell that
 * it is stale.
 */
@Repository
class Drops {

	private static final String COLUMNS = "id, sku, quantity, remaining, starts_at, ends_at, per_customer_limit";

	private static final RowMapper<DropState> MAPPER = (rs, n) -> {
		Timestamp endsAt = rs.getTimestamp("ends_at");
		return new DropState(rs.getObject("id", UUID.class), rs.getString("sku"), rs.getInt("quantity"),
				rs.getInt("remaining"), rs.getTimestamp("starts_at").toInstant(),
				endsAt == null ? null : endsAt.toInstant(), rs.getInt("per_customer_limit"));
	};

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final WriteGeneration generation = new WriteGeneration();

	Drops(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/**
	 * Moves on after each committed write of this instance to the {@code drops} table.
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

	/**
	 * Inserts the drop; {@code closed} when it is over already and sets nothing aside.
	 */
	void insert(DropState drop, boolean closed, Instant now) {
		this.generation.written();
		this.jdbc
			.sql("""
					insert into drops (id, sku, quantity, remaining, starts_at, ends_at, per_customer_limit, created_at, closed_at)
					values (:id, :sku, :quantity, :quantity, :startsAt, :endsAt, :limit, :now, :closedAt)
					""")
			.param("id", drop.id())
			.param("sku", drop.sku())
			.param("quantity", drop.quantity())
			.param("startsAt", Timestamp.from(drop.startsAt()))
			.param("endsAt", drop.endsAt() == null ? null : Timestamp.from(drop.endsAt()))
			.param("limit", drop.perCustomerLimit())
			.param("now", Timestamp.from(now))
			.param("closedAt", closed ? Timestamp.from(now) : null)
			.update();
	}

	Optional<DropState> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from drops where id = :id")
			.param("id", id)
			.query(MAPPER)
			.optional();
	}

	Optional<DropState> lock(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from drops where id = :id for update")
			.param("id", id)
			.query(MAPPER)
			.optional();
	}

	/**
	 * Takes the units; the drop as it is now (what is left tells whether it sold out).
	 */
	Optional<DropState> take(UUID id, int quantity) {
		Optional<DropState> taken = this.jdbc
			.sql("update drops set remaining = remaining - :q where id = :id returning " + COLUMNS)
			.param("q", quantity)
			.param("id", id)
			.query(MAPPER)
			.optional();
		taken.ifPresent((drop) -> written(1));
		return taken;
	}

	/**
	 * Puts units back into the drop unless it was closed (its leftovers went back on the
	 * shelf already); false if so, and the units belong to the shelf.
	 */
	boolean giveBack(UUID id, int quantity) {
		return written(this.jdbc.sql("update drops set remaining = remaining + :q where id = :id and closed_at is null")
			.param("q", quantity)
			.param("id", id)
			.update()) == 1;
	}

	/**
	 * Closes every drop that has ended and returns, per SKU, the units they did not sell:
	 * the caller puts those back on the shelf in the same transaction.
	 */
	Map<String, Integer> closeEnded(Instant now) {
		// Closing changes no column a drop read shows (an ended drop shows nothing left
		// from the clock alone), so it does not move the generation.
		return this.jdbc.sql("""
				with closed as (
				    update drops set closed_at = :now where closed_at is null and ends_at <= :now
				    returning sku, remaining
				)
				select sku, sum(remaining) as unsold from closed group by sku having sum(remaining) > 0
				""")
			.param("now", Timestamp.from(now))
			.query((rs, n) -> Map.entry(rs.getString("sku"), rs.getInt("unsold")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * The conditional take; the drop as it is after it, empty if nothing was taken. Still
	 * one statement: {@code returning} tells the caller whether this took the last unit.
	 */
	Optional<DropState> tryTake(UUID id, int quantity, Instant now) {
		Optional<DropState> taken = this.jdbc.sql("""
				update drops set remaining = remaining - :q
				where id = :id and remaining >= :q and starts_at <= :now and (ends_at is null or ends_at > :now)
				returning\s""" + COLUMNS)
			.param("q", quantity)
			.param("id", id)
			.param("now", Timestamp.from(now))
			.query(MAPPER)
			.optional();
		taken.ifPresent((drop) -> written(1));
		return taken;
	}

	boolean tryCountPurchase(UUID dropId, UUID userId, int quantity, int limit) {
		if (quantity > limit) {
			return false;
		}
		return this.jdbc.sql("""
				insert into drop_purchases (drop_id, user_id, quantity) values (:dropId, :userId, :q)
				on conflict (drop_id, user_id) do update set quantity = drop_purchases.quantity + excluded.quantity
				where drop_purchases.quantity + excluded.quantity <= :limit
				""")
			.param("dropId", dropId)
			.param("userId", userId)
			.param("q", quantity)
			.param("limit", limit)
			.update() == 1;
	}

	/**
	 * The conditional upsert of {@link #tryCountPurchase} for each purchase, as one JDBC
	 * batch; a purchase over the limit on its own is not sent.
	 */
	boolean[] tryCountPurchases(UUID dropId, List<StockLedger.Purchase> purchases, int limit) {
		List<StockLedger.Purchase> possible = purchases.stream()
			.filter(purchase -> purchase.quantity() <= limit)
			.toList();
		int[] counted = this.batch.batchUpdate("""
				insert into drop_purchases (drop_id, user_id, quantity) values (?, ?, ?)
				on conflict (drop_id, user_id) do update set quantity = drop_purchases.quantity + excluded.quantity
				where drop_purchases.quantity + excluded.quantity <= ?
				""",
				possible.stream()
					.map(purchase -> new Object[] { dropId, purchase.userId(), purchase.quantity(), limit })
					.toList());
		boolean[] outcomes = new boolean[purchases.size()];
		for (int i = 0, sent = 0; i < purchases.size(); i++) {
			if (purchases.get(i).quantity() <= limit) {
				outcomes[i] = counted[sent++] == 1;
			}
		}
		return outcomes;
	}

	void uncountPurchase(UUID dropId, UUID userId, int quantity) {
		this.jdbc.sql("""
				update drop_purchases set quantity = greatest(0, quantity - :q)
				where drop_id = :dropId and user_id = :userId
				""").param("q", quantity).param("dropId", dropId).param("userId", userId).update();
	}

}
