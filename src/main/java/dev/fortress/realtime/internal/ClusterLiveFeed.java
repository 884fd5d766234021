package dev.fortress.realtime.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.fortress.platform.cluster.PeerMessages;

/**
 * {@link LiveFeed} for one instance or many: hands each update to this instance's sinks
 * and, in scale-out mode ({@link PeerMessages}: Redis pub/sub), to every other instance,
 * which hands it to its own sinks (ADR 0070). The update crosses as JSON, once per
 * publish, whatever the number of subscribers.
 */
@Component
class ClusterLiveFeed implements LiveFeed {

	static final String TOPIC = "live";

	private static final Logger log = LoggerFactory.getLogger(ClusterLiveFeed.class);

	private final ObjectProvider<LiveSink> sinks;

	private final @Nullable PeerMessages peers;

	private final JsonMapper json;

	ClusterLiveFeed(ObjectProvider<LiveSink> sinks, ObjectProvider<PeerMessages> peers, JsonMapper json) {
		this.sinks = sinks;
		this.peers = peers.getIfAvailable();
		this.json = json;
		if (this.peers != null) {
			this.peers.subscribe(TOPIC, this::received);
		}
	}

	@Override
	public void publish(String destination, Object payload) {
		deliver(destination, null, payload);
		share(new Envelope(destination, null, this.json.valueToTree(payload)));
	}

	@Override
	public void publishToUser(UUID userId, String destination, Object payload) {
		deliver(destination, userId, payload);
		share(new Envelope(destination, userId, this.json.valueToTree(payload)));
	}

	private void share(Envelope envelope) {
		if (this.peers != null) {
			this.peers.publish(TOPIC, this.json.writeValueAsString(envelope));
		}
	}

	/** Another instance's update, on the messaging thread. */
	private void received(String message) {
		Envelope envelope;
		try {
			envelope = this.json.readValue(message, Envelope.class);
		}
		catch (JacksonException ex) {
			log.debug("Ignoring an unreadable live update: {}", ex.getOriginalMessage());
			return;
		}
		deliver(envelope.destination(), envelope.userId(), envelope.payload());
	}

	private void deliver(String destination, @Nullable UUID userId, Object payload) {
		this.sinks.orderedStream().forEach(sink -> {
			try {
				if (userId == null) {
					sink.deliver(destination, payload);
				}
				else {
					sink.deliverToUser(userId, destination, payload);
				}
			}
			catch (RuntimeException ex) {
				log.warn("A live sink failed for {}: {}", destination, ex.toString());
			}
		});
	}

	/** An update as it crosses between instances. */
	record Envelope(String destination, @Nullable UUID userId, JsonNode payload) {
	}

}
