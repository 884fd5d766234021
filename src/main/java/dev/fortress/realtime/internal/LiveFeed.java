package dev.fortress.realtime.internal;

import java.util.UUID;

/**
 * Sends a live update to its subscribers on every instance of the deployment. The payload
 * is a JSON-serialisable value; a destination is a STOMP destination
 * ({@code /topic/projects/{id}}, {@code /topic/drops/{id}}, ...), which the SSE streams
 * use too. Best effort, like any live view: a client that reconnects re-reads the state
 * over HTTP.
 */
public interface LiveFeed {

	/** To every subscriber of {@code destination}, on every instance. */
	void publish(String destination, Object payload);

	/** To one user's sessions ({@code /user/queue/...}), on every instance. */
	void publishToUser(UUID userId, String destination, Object payload);

}
