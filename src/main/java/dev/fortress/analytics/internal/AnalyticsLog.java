package dev.fortress.analytics.internal;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.SqlParameterValue;
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
	 * The insert of one log row, without a trailing {@code returning}: the order listener
	 * puts it in a common table expression to append and apply in one statement.
	 */
	static final String APPEND = """
			insert into analytics_events (event_id, type, occurred_at, order_id, drop_id, project_id, units,
			    amount, currency, count, starts_at, recorded_at)
			values (:eventId, :type, :occurredAt, :orderId, :dropId, :projectId, :units, :amount, :currency, :count,
			    :startsAt, :now)
			on conflict (event_id) do nothing""";

	/**
	 * @return true the first time this event is appended, false for a redelivery
	 */
	boolean append(DomainEvent event, Fact fact) {
		return this.jdbc.sql(APPEND).params(parameters(event, fact, this.clock.instant())).update() == 1;
	}

	/** The parameters of {@link #APPEND}, typed so they can stand in a select list. */
	Map<String, Object> parameters(DomainEvent event, Fact fact) {
		return parameters(event, fact, this.clock.instant());
	}

	private static Map<String, Object> parameters(DomainEvent event, Fact fact, Instant now) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("eventId", event.metadata().id());
		parameters.put("type", fact.type().name());
		parameters.put("occurredAt", Timestamp.from(event.metadata().occurredAt()));
		parameters.put("orderId", new SqlParameterValue(Types.OTHER, fact.orderId()));
		parameters.put("dropId", new SqlParameterValue(Types.OTHER, fact.dropId()));
		parameters.put("projectId", new SqlParameterValue(Types.OTHER, fact.projectId()));
		parameters.put("units", new SqlParameterValue(Types.INTEGER, fact.units()));
		parameters.put("amount", new SqlParameterValue(Types.BIGINT, fact.amount()));
		parameters.put("currency", new SqlParameterValue(Types.VARCHAR, fact.currency()));
		parameters.put("count", new SqlParameterValue(Types.BIGINT, fact.count()));
		parameters.put("startsAt", new SqlParameterValue(Types.TIMESTAMP,
				(fact.startsAt() != null) ? Timestamp.from(fact.startsAt()) : null));
		parameters.put("now", Timestamp.from(now));
		return parameters;
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
