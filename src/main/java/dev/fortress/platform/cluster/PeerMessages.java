package dev.fortress.platform.cluster;

import java.util.function.Consumer;

/**
 * Messages between the instances of one deployment (with {@code FORTRESS_REDIS_URL}:
 * Redis pub/sub). Delivery is best effort: a message may be lost while the broker is
 * unreachable, so a subscriber must stay correct without it (for example, memory that
 * expires on its own) and use messages only to be right sooner. Absent in a
 * single-instance deployment: callers inject an {@code ObjectProvider} and carry on
 * without it.
 */
public interface PeerMessages {

	/** Sends {@code message} to every other instance subscribed to {@code topic}. */
	void publish(String topic, String message);

	/**
	 * Delivers other instances' messages on {@code topic} (never this instance's own), on
	 * a messaging thread: the listener must be quick and must not block.
	 */
	void subscribe(String topic, Consumer<String> listener);

}
