package dev.fortress.analytics.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes every aggregate from the {@link AnalyticsLog} in one transaction: truncate,
 * then three set-based statements that apply the same rules as the listeners (an order's
 * facts and flags, summed attempts, the first sell-out, UTC days). {@code TRUNCATE} locks
 * the aggregates until commit, in the order the listeners take them, so a listener
 * running meanwhile either committed before (its event is in the log that is read) or
 * waits and adds its event to the rebuilt figures: nothing is lost or counted twice.
 */
@Component
public class AnalyticsRebuild {

	private final JdbcClient jdbc;

	AnalyticsRebuild(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	public Result rebuild() {
		this.jdbc.sql("truncate analytics_orders, analytics_drops, analytics_project_days").update();
		int orders = this.jdbc.sql("""
				insert into analytics_orders (order_id, drop_id, units, amount, currency, paid, cancelled)
				select order_id,
				       (array_agg(drop_id) filter (where type = 'ORDER_PLACED'))[1],
				       max(units) filter (where type = 'ORDER_PLACED'),
				       max(amount) filter (where type = 'ORDER_PLACED'),
				       max(currency) filter (where type = 'ORDER_PLACED'),
				       bool_or(type = 'ORDER_PAID'),
				       bool_or(type = 'ORDER_CANCELLED')
				from analytics_events
				where type in ('ORDER_PLACED', 'ORDER_PAID', 'ORDER_CANCELLED')
				group by order_id
				""").update();
		int drops = this.jdbc.sql("""
				insert into analytics_drops (drop_id, attempts, opened_at, sold_out_at)
				select drop_id, coalesce(sum(count) filter (where type = 'CHECKOUT_ATTEMPTS'), 0),
				       min(starts_at) filter (where type = 'DROP_SOLD_OUT'),
				       min(occurred_at) filter (where type = 'DROP_SOLD_OUT')
				from analytics_events
				where type in ('CHECKOUT_ATTEMPTS', 'DROP_SOLD_OUT')
				group by drop_id
				""").update();
		int days = this.jdbc.sql("""
				insert into analytics_project_days (project_id, day, created, completed)
				select project_id, (occurred_at at time zone 'UTC')::date,
				       count(*) filter (where type = 'TASK_CREATED'), count(*) filter (where type = 'TASK_COMPLETED')
				from analytics_events
				where type in ('TASK_CREATED', 'TASK_COMPLETED')
				group by 1, 2
				""").update();
		long events = this.jdbc.sql("select count(*) from analytics_events").query(Long.class).single();
		return new Result(events, orders, drops, days);
	}

	/** How many log rows were read and aggregate rows written. */
	public record Result(long events, int orders, int drops, int projectDays) {
	}

}
