package dev.fortress.platform.events;

import java.util.UUID;

/**
 * A test event: its listener ({@link ProbeListener}) fails while {@code failuresLeft}
 * says so, and records its effect otherwise.
 */
record Probe(UUID key, String behaviour, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.key.toString();
	}

}
