package dev.fortress.orders.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderPaid;
import dev.fortress.orders.OrderPlaced;
import dev.fortress.orders.PaymentRefunded;

/**
 * A read model of each order's history, built from its events after commit. Idempotent: a
 * redelivered event finds its row and does nothing. It is also what makes the event
 * publication registry persist the order events (a publication exists per listener).
 */
@Component
class OrderTimeline {

	private final JdbcClient jdbc;

	private final Clock clock;

	OrderTimeline(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		record(event.orderId(), "PLACED", event.total().amount() + " " + event.total().currency());
	}

	@ApplicationModuleListener
	void on(OrderPaid event) {
		record(event.orderId(), "PAID", event.paymentId());
	}

	@ApplicationModuleListener
	void on(OrderCancelled event) {
		record(event.orderId(), "CANCELLED", event.reason());
	}

	@ApplicationModuleListener
	void on(PaymentRefunded event) {
		record(event.orderId(), "REFUNDED", event.refundId());
	}

	private void record(UUID orderId, String event, String detail) {
		this.jdbc
			.sql("""
					insert into order_timeline (order_id, event, occurred_at, detail) values (:orderId, :event, :now, :detail)
					on conflict (order_id, event) do nothing
					""")
			.param("orderId", orderId)
			.param("event", event)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("detail", detail)
			.update();
	}

}
