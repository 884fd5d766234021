package dev.fortress.platform.events;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox of idempotent consumers: a consumer claims an event id in the transaction
 * that makes its effect, so a redelivered event (a retry after a crash between the effect
 * and the completion mark, a replay, a Kafka redelivery) finds its id taken and has no
 * second effect.
 */
@Component
public class ProcessedEvents {

	private final JdbcClient jdbc;

	private final Clock clock;

	ProcessedEvents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records that {@code consumer} processes {@code event} now. Must run in the
	 * consumer's transaction.
	 * @return true the first time, false when the consumer has processed it before
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstDelivery(String consumer, DomainEvent event) {
		return this.jdbc.sql("""
				insert into processed_events (consumer, event_id, processed_at) values (:consumer, :id, :at)
				on conflict do nothing
				""")
			.param("consumer", consumer)
			.param("id", event.metadata().id())
			.param("at", java.sql.Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

}
