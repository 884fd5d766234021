package dev.fortress.orders.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A read model of each order's history. Its rows are written in the transaction of the
 * change they record (one JDBC batch for a batch of orders), so the timeline never lags
 * and costs no commit of its own. Idempotent: a row that exists is left alone.
 * <p>
 * It used to subscribe to the order events after commit only so that the event
 * publication registry stored them (a publication exists per listener; the stored
 * {@code OrderPlaced} of each order is part of the checkout's audit). The analytics and
 * notification modules listen to them now, which stores them, so it no longer does: each
 * subscription cost an insert and two commits per event. See docs/adr/0028.
 */
@Component
class OrderTimeline {

	/** One line of an order's history. */
	record Entry(UUID orderId, String event, Instant occurredAt, @Nullable String detail) {
	}

	private final JdbcTemplate batch;

	OrderTimeline(JdbcTemplate batch) {
		this.batch = batch;
	}

	/** Writes the entries in the caller's transaction: one round trip. */
	void record(List<Entry> entries) {
		this.batch.batchUpdate("""
				insert into order_timeline (order_id, event, occurred_at, detail) values (?, ?, ?, ?)
				on conflict (order_id, event) do nothing
				""",
				entries.stream()
					.map(entry -> new Object[] { entry.orderId(), entry.event(), Timestamp.from(entry.occurredAt()),
							entry.detail() })
					.toList());
	}

	static Entry placed(Order order) {
		return new Entry(order.id(), "PLACED", order.createdAt(),
				order.total().amount() + " " + order.total().currency());
	}

	/** The entry for a transition's step (PAID, CANCELLED or REFUNDED). */
	static Entry of(Order.Transition transition) {
		Order order = transition.order();
		return switch (transition.step()) {
			case PAY -> new Entry(order.id(), "PAID", order.updatedAt(), order.paymentId());
			case RELEASE, CANCEL -> new Entry(order.id(), "CANCELLED", order.updatedAt(), order.cancelReason());
			case RECORD_REFUND -> new Entry(order.id(), "REFUNDED", order.updatedAt(), order.refundId());
			case REFUNDING -> new Entry(order.id(), "REFUNDING", order.updatedAt(), order.cancelReason());
		};
	}

}
