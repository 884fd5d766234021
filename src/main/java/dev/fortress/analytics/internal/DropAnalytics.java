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

import dev.fortress.platform.events.DomainEvent;

/**
 * The per-drop read model. An order counts for its drop (one order, its units, its total)
 * while it is paid and not cancelled. {@code OrderPaid} does not name the drop, and the
 * three events of an order may be delivered in any order (each listener runs on its own),
 * so each event only sets its facts on the order's row in {@code analytics_orders}
 * (columns that only fill in, flags that only become true): the same row whatever the
 * delivery order. The drop's figures are summed from those rows when read (an indexed
 * range of one drop's orders), rather than kept in one row per drop that every order's
 * listener would update: during a drop that row would make the listeners queue behind
 * each other's locks, holding connections checkouts need.
 */
@Component
public class DropAnalytics {

	private final JdbcClient jdbc;

	private final AnalyticsLog log;

	DropAnalytics(JdbcClient jdbc, AnalyticsLog log) {
		this.jdbc = jdbc;
		this.log = log;
	}

	/**
	 * Appends an order event to the log and, if it was not there yet, sets its facts on
	 * the order: one statement.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void apply(DomainEvent event, AnalyticsLog.Fact fact) {
		this.jdbc.sql("""
				with logged as (""" + AnalyticsLog.APPEND + """
				 returning event_id)
				insert into analytics_orders (order_id, drop_id, units, amount, currency, paid, cancelled)
				select cast(:orderId as uuid), cast(:dropId as uuid), cast(:units as int), cast(:amount as bigint),
				       cast(:currency as text), cast(:paid as boolean), cast(:cancelled as boolean)
				from logged
				on conflict (order_id) do update set drop_id = coalesce(analytics_orders.drop_id, excluded.drop_id),
				    units = coalesce(analytics_orders.units, excluded.units),
				    amount = coalesce(analytics_orders.amount, excluded.amount),
				    currency = coalesce(analytics_orders.currency, excluded.currency),
				    paid = analytics_orders.paid or excluded.paid,
				    cancelled = analytics_orders.cancelled or excluded.cancelled
				""")
			.params(this.log.parameters(event, fact))
			.param("paid", fact.type() == AnalyticsLog.Type.ORDER_PAID)
			.param("cancelled", fact.type() == AnalyticsLog.Type.ORDER_CANCELLED)
			.update();
	}

	/**
	 * Appends a {@code CheckoutAttempts} event to the log and, if it was not there yet,
	 * adds its count to the drop: one statement, about once a second per busy drop.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void addAttempts(DomainEvent event, AnalyticsLog.Fact fact) {
		this.jdbc.sql("""
				with logged as (""" + AnalyticsLog.APPEND + """
				 returning event_id)
				insert into analytics_drops (drop_id, attempts)
				select cast(:dropId as uuid), cast(:count as bigint) from logged
				on conflict (drop_id) do update set attempts = analytics_drops.attempts + excluded.attempts
				""").params(this.log.parameters(event, fact)).update();
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

	/** The drop's figures; empty when analytics has heard nothing of it. */
	@Transactional(readOnly = true)
	public Optional<DropFigures> find(UUID dropId) {
		return this.jdbc
			.sql("""
					select cast(:id as uuid) as drop_id, coalesce(d.attempts, 0) as attempts, coalesce(o.orders, 0) as orders,
					       coalesce(o.units_sold, 0) as units_sold, coalesce(o.revenue, 0) as revenue, o.currency,
					       d.opened_at, d.sold_out_at
					from (select count(*) filter (where counted) as orders,
					             sum(units) filter (where counted) as units_sold,
					             sum(amount) filter (where counted) as revenue,
					             max(currency) as currency, count(*) as known
					      from (select units, amount, currency, (units is not null and paid and not cancelled) as counted
					            from analytics_orders where drop_id = :id) orders) o
					left join analytics_drops d on d.drop_id = :id
					where o.known > 0 or d.drop_id is not null
					""")
			.param("id", dropId)
			.query(DropFigures.class)
			.optional();
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

}
