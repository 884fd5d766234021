package dev.fortress.platform.events;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.fortress.platform.Ids;

/**
 * What every domain event carries besides its facts: its own id (what idempotent
 * consumers record, and the CloudEvents {@code id} on Kafka), when it happened, and its
 * {@link Origin}. The id also makes each stored event unique, so two events with the same
 * facts are two publications.
 *
 * @param id the event's id (UUIDv7)
 * @param occurredAt when the change that caused it was made
 * @param origin the request and trace that caused it
 */
public record EventMetadata(UUID id, Instant occurredAt, Origin origin) {

	/** A new event caused by the work this thread is doing. */
	public static EventMetadata now(Clock clock) {
		return of(Origin.current(), clock);
	}

	/**
	 * A new event caused by work captured earlier (a checkout a batch writer inserts).
	 */
	public static EventMetadata of(Origin origin, Clock clock) {
		return new EventMetadata(Ids.newId(), clock.instant().truncatedTo(ChronoUnit.MICROS), origin);
	}

}
