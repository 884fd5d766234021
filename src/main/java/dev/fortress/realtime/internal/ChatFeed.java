package dev.fortress.realtime.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.fortress.chat.ChannelEvent;
import dev.fortress.chat.ChatMessage;

/**
 * Every committed event of a channel's log goes to {@code /topic/channels/<id>}, whose
 * subscribers are the channel's readers. {@code seq} is gap-free per channel: a client
 * that sees a gap re-reads the messages over HTTP. Events of a held message are the
 * exception (its author has it from the POST response): they leave gaps, which a re-read
 * fills with what the reader may see. An approval is sent as the message's
 * {@code posted}, a hiding (or an edit of a held message) as {@code hidden} without its
 * text.
 */
@Component
class ChatFeed {

	private final LiveFeed feed;

	ChatFeed(LiveFeed feed) {
		this.feed = feed;
	}

	@EventListener
	void on(ChannelEvent event) {
		ChannelUpdate update = switch (event.type()) {
			case "approved" -> new ChannelUpdate("posted", event.seq(), event.message());
			case "hidden" -> new ChannelUpdate("hidden", event.seq(), event.message().redacted());
			// an edit the screen held: whoever saw the message learns it is hidden
			case "edited" ->
				event.message().held() ? new ChannelUpdate("hidden", event.seq(), event.message().redacted())
						: new ChannelUpdate(event.type(), event.seq(), event.message());
			default -> event.message().held() ? null : new ChannelUpdate(event.type(), event.seq(), event.message());
		};
		if (update == null) {
			return;
		}
		AfterCommit.run(() -> this.feed.publish("/topic/channels/" + event.channelId(), update));
	}

	/** What a channel's subscribers receive. */
	record ChannelUpdate(String type, long seq, ChatMessage message) {
	}

}
