package dev.fortress.chat.internal;

import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.fortress.chat.ChatMessage;
import dev.fortress.chat.internal.LoggedEvent.Payload;
import dev.fortress.chat.internal.LoggedEvent.Type;
import dev.fortress.platform.moderation.ContentModerated;

/**
 * Applies moderation decisions to messages, as events of the channel's log under its
 * lock, so a rebuild of the views keeps them: {@code APPROVED} appends {@code approved}
 * (the message becomes visible, is broadcast as a new one and mentions its readers),
 * {@code REMOVED} appends {@code deleted} by the moderator (as an owner's delete would),
 * {@code HIDDEN} appends {@code hidden}. A decision that no longer applies (a deleted
 * message, an approval of a visible one) appends nothing, so a redelivery is harmless.
 */
@Component
class MessageModeration {

	/** The screen's and the queue's name for a chat message. */
	static final String TYPE = "message";

	/**
	 * The actor of events the screen caused rather than a person: no user has this id.
	 */
	static final UUID SCREEN = new UUID(0, 0);

	private final Channels channels;

	private final Messages messages;

	private final ChatLog log;

	private final MessageService service;

	MessageModeration(Channels channels, Messages messages, ChatLog log, MessageService service) {
		this.channels = channels;
		this.messages = messages;
		this.log = log;
		this.service = service;
	}

	@ApplicationModuleListener
	void on(ContentModerated decision) {
		if (!TYPE.equals(decision.type())) {
			return;
		}
		this.messages.find(decision.id())
			.flatMap(seen -> this.channels.lock(seen.channelId()))
			.ifPresent(channel -> apply(decision, channel));
	}

	private void apply(ContentModerated decision, Channel channel) {
		ChatMessage message = this.messages.find(decision.id()).orElseThrow();
		if (message.deleted()) {
			return;
		}
		UUID actor = decision.moderatorId() != null ? decision.moderatorId() : SCREEN;
		switch (decision.decision()) {
			case APPROVED -> {
				if (message.held()) {
					ChatMessage approved = this.log.append(message.channelId(), message.id(), Type.APPROVED, actor,
							Payload.none());
					this.service.mention(channel, approved);
				}
			}
			case HIDDEN -> {
				if (!message.held()) {
					this.log.append(message.channelId(), message.id(), Type.HIDDEN, actor, Payload.none());
				}
			}
			case REMOVED -> this.log.append(message.channelId(), message.id(), Type.DELETED, actor, Payload.none());
		}
	}

}
