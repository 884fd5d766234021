package dev.fortress.platform.redis;

import java.util.UUID;
import java.util.function.Consumer;

import dev.fortress.platform.cluster.PeerMessages;

/**
 * {@link PeerMessages} over Redis pub/sub, one channel per topic
 * ({@code fortress:<topic>}). Redis delivers a message to every subscriber, the sender
 * included, so each message carries this instance's id and the sender ignores its own.
 * While Redis is unreachable messages are dropped, as the interface allows.
 */
public final class RedisPeerMessages implements PeerMessages {

	private final RedisLink redis;

	/** Random per start: a restarted instance is a new peer. */
	private final String instance = UUID.randomUUID().toString();

	public RedisPeerMessages(RedisLink redis) {
		this.redis = redis;
	}

	@Override
	public void publish(String topic, String message) {
		this.redis.publish(channel(topic), this.instance + ' ' + message);
	}

	@Override
	public void subscribe(String topic, Consumer<String> listener) {
		String own = this.instance + ' ';
		this.redis.subscribe(channel(topic), message -> {
			int space = message.indexOf(' ');
			if (space > 0 && !message.startsWith(own)) {
				listener.accept(message.substring(space + 1));
			}
		});
	}

	private static String channel(String topic) {
		return "fortress:" + topic;
	}

}
