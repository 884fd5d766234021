package dev.fortress.realtime.internal;

import java.util.UUID;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

/**
 * Hands live updates to this instance's STOMP subscribers through the broker: a topic to
 * everyone subscribed to it here, a user queue ({@code /queue/notifications}, with or
 * without the {@code /user} prefix) to that user's sessions here.
 */
@Component
class StompSink implements LiveSink {

	private static final String USER_PREFIX = "/user";

	private final SimpMessageSendingOperations broker;

	StompSink(SimpMessageSendingOperations broker) {
		this.broker = broker;
	}

	@Override
	public void deliver(String destination, Object payload) {
		this.broker.convertAndSend(destination, payload);
	}

	@Override
	public void deliverToUser(UUID userId, String destination, Object payload) {
		String queue = destination.startsWith(USER_PREFIX + "/") ? destination.substring(USER_PREFIX.length())
				: destination;
		this.broker.convertAndSendToUser(userId.toString(), queue, payload);
	}

}
