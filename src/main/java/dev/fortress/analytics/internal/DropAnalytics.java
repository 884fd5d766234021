package dev.fortress.analytics.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-drop read model. An order counts for its drop (one order, its units, its total)
 * while it is paid and not cancelled. {@code OrderPaid} does not name the drop, and the
 * three events of an order may be delivered in any order (each listener runs on its own),
 * so each order's facts are gathered in {@code analytics_orders} under its row lock, and
 * the drop's totals change by the difference between what the order counted before and
 * after the event: the same totals whatever the delivery order, and the same as the
 * rebuild's set-based recount.
 */
@Component
public class DropAnalytics {

	private final JdbcClient jdbc;

	DropAnalytics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Applies one order event (already appended to the log) to its order and drop. */
	@Transactional(propagation = Propagation.MANDATORY)
	void apply(AnalyticsLog.Fact fact) {
		UUID orderId = fact.orderId();
		this.jdbc.sql("insert into analytics_orders (order_id) values (:id) on conflict do nothing")
			.param("id", orderId)
			.update();
		OrderRow before = this.jdbc
			.sql("select drop_id, units, amount, currency, paid, cancelled from analytics_orders where order_id = :id"
					+ " for update")
			.param("id", orderId)
			.query(OrderRow.class)
			.single();
		OrderRow after = before.with(fact);
		this.jdbc.sql("""
				update analytics_orders set drop_id = :dropId, units = :units, amount = :amount, currency = :currency,
				    paid = :paid, cancelled = :cancelled
				where order_id = :id
				""")
			.param("dropId", after.dropId())
			.param("units", after.units())
			.param("amount", after.amount())
			.param("currency", after.currency())
			.param("paid", after.paid())
			.param("cancelled", after.cancelled())
			.param("id", orderId)
			.update();
		if (after.dropId() == null) {
			return;
		}
		boolean countsBefore = before.counts();
		boolean countsAfter = after.counts();
		int sign = (countsAfter == countsBefore) ? 0 : (countsAfter ? 1 : -1);
		this.jdbc.sql("""
				insert into analytics_drops (drop_id, orders, units_sold, revenue, currency)
				values (:dropId, :orders, :units, :revenue, :currency)
				on conflict (drop_id) do update set orders = analytics_drops.orders + excluded.orders,
				    units_sold = analytics_drops.units_sold + excluded.units_sold,
				    revenue = analytics_drops.revenue + excluded.revenue,
				    currency = coalesce(analytics_drops.currency, excluded.currency)
				""")
			.param("dropId", after.dropId())
			.param("orders", sign)
			.param("units", sign * after.units())
			.param("revenue", sign * after.amount())
			.param("currency", after.currency())
			.update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void addAttempts(UUID dropId, long count) {
		this.jdbc.sql("""
				insert into analytics_drops (drop_id, attempts) values (:dropId, :count)
				on conflict (drop_id) do update set attempts = analytics_drops.attempts + excluded.attempts
				""").param("dropId", dropId).param("count", count).update();
	}

	/** The first sell-out counts: units that come back and sell again do not move it. */
	@Transactional(propagation = Propagation.MANDATORY)
	void soldOut(UUID dropId, Instant startsAt, Instant at) {
		this.jdbc.sql("""
				insert into analytics_drops (drop_id, opened_at, sold_out_at) values (:dropId, :opened, :at)
				on conflict (drop_id) do update set opened_at = least(analytics_drops.opened_at, excluded.opened_at),
				    sold_out_at = least(analytics_drops.sold_out_at, excluded.sold_out_at)
				""")
			.param("dropId", dropId)
			.param("opened", Timestamp.from(startsAt))
			.param("at", Timestamp.from(at))
			.update();
	}

	@Transactional(readOnly = true)
	public Optional<DropFigures> find(UUID dropId) {
		return this.jdbc.sql("""
				select drop_id, attempts, orders, units_sold, revenue, currency, opened_at, sold_out_at
				from analytics_drops where drop_id = :id
				""").param("id", dropId).query(DropFigures.class).optional();
	}

	/**
	 * The read model of one drop.
	 *
	 * @param currency of the revenue; null while no order of the drop is known
	 * @param openedAt when the drop opened, known once it sold out
	 */
	public record DropFigures(UUID dropId, long attempts, int orders, int unitsSold, long revenue,
			@Nullable String currency, @Nullable Instant openedAt, @Nullable Instant soldOutAt) {
	}

	/** What analytics knows of one order. */
	record OrderRow(@Nullable UUID dropId, @Nullable Integer units, @Nullable Long amount, @Nullable String currency,
			boolean paid, boolean cancelled) {

		OrderRow with(AnalyticsLog.Fact fact) {
			return switch (fact.type()) {
				case ORDER_PLACED -> new OrderRow(fact.dropId(), fact.units(), fact.amount(), fact.currency(),
						this.paid, this.cancelled);
				case ORDER_PAID ->
					new OrderRow(this.dropId, this.units, this.amount, this.currency, true, this.cancelled);
				case ORDER_CANCELLED ->
					new OrderRow(this.dropId, this.units, this.amount, this.currency, this.paid, true);
				default -> throw new IllegalArgumentException("not an order fact: " + fact.type());
			};
		}

		/**
		 * Whether the order counts for its drop: placed (so its drop is known), paid, not
		 * cancelled.
		 */
		boolean counts() {
			return this.dropId != null && this.units != null && this.paid && !this.cancelled;
		}

	}

}
