package dev.fortress.platform.events.kafka;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A test event consumed through Kafka by {@link BeaconConsumer}: beacons of one
 * {@code lane} share a record key, hence a partition, so one can be shown not to hold up
 * the next.
 */
record Beacon(UUID key, String lane, String behaviour, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.lane;
	}

}
