package dev.fortress.chat;

import java.util.List;
import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * A posted message mentions readers of its channel ({@code @} followed by their e-mail
 * address or their display name without spaces), its author excluded. Published only when
 * someone is mentioned, so that the notifications it causes need no delivery per chat
 * event.
 */
public record MembersMentioned(UUID channelId, String channelName, UUID messageId, UUID authorId, String text,
		List<UUID> mentionedUserIds, EventMetadata metadata) implements DomainEvent {

	public MembersMentioned {
		mentionedUserIds = List.copyOf(mentionedUserIds);
	}

	@Override
	public String aggregateId() {
		return this.channelId.toString();
	}

}
