package dev.fortress.identity;

import java.time.Instant;
import java.util.UUID;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/** Published when an account is created, by self-registration or the admin bootstrap. */
public record UserRegistered(UUID userId, String email, String displayName, Instant registeredAt,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.userId.toString();
	}

}
