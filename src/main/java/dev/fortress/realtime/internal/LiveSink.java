package dev.fortress.realtime.internal;

import java.util.UUID;

/**
 * Where an instance hands a live update to its own subscribers: the STOMP broker, the SSE
 * streams. {@link LiveFeed} calls every sink on every instance.
 */
public interface LiveSink {

	void deliver(String destination, Object payload);

	default void deliverToUser(UUID userId, String destination, Object payload) {
	}

}
