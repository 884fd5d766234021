package dev.fortress.chat;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * One event of a channel's log, published in the transaction that appended it.
 *
 * @param seq its position in the channel's log: total and gap-free per channel
 * @param type {@code posted}, {@code edited}, {@code deleted}, {@code reacted} or
 * {@code unreacted}, {@code approved} or {@code hidden} (moderation)
 * @param message the message's view after the event
 */
public record ChannelEvent(UUID channelId, long seq, String type, UUID actorId, ChatMessage message,
		EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.channelId.toString();
	}

}
