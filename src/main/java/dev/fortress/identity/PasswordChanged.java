package dev.fortress.identity;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/** A user changed their password (and every session of theirs ended). */
public record PasswordChanged(UUID userId, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.userId.toString();
	}

}
