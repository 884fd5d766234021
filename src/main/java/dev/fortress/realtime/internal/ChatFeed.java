package dev.fortress.realtime.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.fortress.chat.ChannelEvent;
import dev.fortress.chat.ChatMessage;

/**
 * Every committed event of a channel's log goes to {@code /topic/channels/<id>}, whose
 * subscribers are the channel's readers. {@code seq} is gap-free per channel: a client
 * that sees a gap re-reads the messages over HTTP.
 */
@Component
class ChatFeed {

	private final LiveFeed feed;

	ChatFeed(LiveFeed feed) {
		this.feed = feed;
	}

	@EventListener
	void on(ChannelEvent event) {
		ChannelUpdate update = new ChannelUpdate(event.type(), event.seq(), event.message());
		AfterCommit.run(() -> this.feed.publish("/topic/channels/" + event.channelId(), update));
	}

	/** What a channel's subscribers receive. */
	record ChannelUpdate(String type, long seq, ChatMessage message) {
	}

}
