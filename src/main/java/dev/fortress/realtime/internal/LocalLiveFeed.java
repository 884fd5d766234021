package dev.fortress.realtime.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

/**
 * This instance's sinks only: the feed until the fan-out across instances exists, then
 * unused (it steps aside for any other {@link LiveFeed} bean).
 */
@Component
@ConditionalOnMissingBean(value = LiveFeed.class, ignored = LocalLiveFeed.class)
class LocalLiveFeed implements LiveFeed {

	private final List<LiveSink> sinks;

	LocalLiveFeed(List<LiveSink> sinks) {
		this.sinks = sinks;
	}

	@Override
	public void publish(String destination, Object payload) {
		this.sinks.forEach(sink -> sink.deliver(destination, payload));
	}

	@Override
	public void publishToUser(UUID userId, String destination, Object payload) {
		this.sinks.forEach(sink -> sink.deliverToUser(userId, destination, payload));
	}

}
