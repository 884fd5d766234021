package dev.fortress.analytics.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.platform.events.DomainEvent;

/**
 * The append-only {@code analytics_events} table: the facts analytics took from each
 * event, keyed by the event's id. Appending is also the consumers' idempotency check (the
 * inbox): a redelivered event finds its id taken and changes nothing, and because the
 * append and the aggregate's change share the listener's transaction, the log holds
 * exactly the events the aggregates counted.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class AnalyticsLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	AnalyticsLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @return true the first time this event is appended, false for a redelivery
	 */
	boolean append(DomainEvent event, Fact fact) {
		return this.jdbc.sql("""
				insert into analytics_events (event_id, type, occurred_at, order_id, drop_id, project_id, units,
				    amount, currency, count, starts_at, recorded_at)
				values (:id, :type, :occurredAt, :orderId, :dropId, :projectId, :units, :amount, :currency, :count,
				    :startsAt, :now)
				on conflict (event_id) do nothing
				""")
			.param("id", event.metadata().id())
			.param("type", fact.type().name())
			.param("occurredAt", Timestamp.from(event.metadata().occurredAt()))
			.param("orderId", fact.orderId())
			.param("dropId", fact.dropId())
			.param("projectId", fact.projectId())
			.param("units", fact.units())
			.param("amount", fact.amount())
			.param("currency", fact.currency())
			.param("count", fact.count())
			.param("startsAt", (fact.startsAt() != null) ? Timestamp.from(fact.startsAt()) : null)
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	enum Type {

		ORDER_PLACED, ORDER_PAID, ORDER_CANCELLED, CHECKOUT_ATTEMPTS, DROP_SOLD_OUT, TASK_CREATED, TASK_COMPLETED

	}

	/** The columns of one log row; each type fills the ones it needs. */
	record Fact(Type type, @Nullable UUID orderId, @Nullable UUID dropId, @Nullable UUID projectId,
			@Nullable Integer units, @Nullable Long amount, @Nullable String currency, @Nullable Long count,
			@Nullable Instant startsAt) {

		static Fact order(Type type, UUID orderId, @Nullable UUID dropId, @Nullable Integer units,
				@Nullable Long amount, @Nullable String currency) {
			return new Fact(type, orderId, dropId, null, units, amount, currency, null, null);
		}

		static Fact attempts(UUID dropId, long count) {
			return new Fact(Type.CHECKOUT_ATTEMPTS, null, dropId, null, null, null, null, count, null);
		}

		static Fact soldOut(UUID dropId, Instant startsAt) {
			return new Fact(Type.DROP_SOLD_OUT, null, dropId, null, null, null, null, null, startsAt);
		}

		static Fact task(Type type, UUID projectId) {
			return new Fact(type, null, null, projectId, null, null, null, null, null);
		}

	}

}
