package dev.fortress.platform.cache;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broadcast of invalidations between instances, over one Redis pub/sub channel. A
 * message is {@code <instance>|<cache>|<key>}, or {@code <instance>|<cache>|} for "all of
 * it"; an instance ignores its own messages (it invalidated itself already).
 * <p>
 * Pub/sub delivers only to those listening: an instance whose subscription was down
 * missed messages, so each time it (re)subscribes it empties the memory of every cache.
 * Until then, what it misses is bounded by the caches' TTLs.
 */
final class Invalidations implements AutoCloseable {

	static final String CHANNEL = "fortress:cache:invalidations";

	private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

	private final Redis redis;

	private final String instance = UUID.randomUUID().toString();

	private final Listener listener;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> subscription;

	Invalidations(Redis redis, Listener listener) {
		this.redis = redis;
		this.listener = listener;
	}

	/** Subscribes now if Redis answers, else keeps trying every {@code retry}. */
	void start(Duration retry) {
		this.redis.every(retry, this::subscribeIfNeeded);
	}

	private void subscribeIfNeeded() {
		if (this.subscription != null) {
			return;
		}
		StatefulRedisPubSubConnection<String, String> connection = null;
		try {
			connection = this.redis.connectPubSub();
			connection.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void subscribed(String channel, long count) {
					Invalidations.this.listener.resubscribed();
				}

				@Override
				public void message(String channel, String message) {
					receive(message);
				}

			});
			connection.sync().subscribe(CHANNEL);
			this.subscription = connection;
			log.info("Cache invalidations: subscribed to {}", CHANNEL);
		}
		catch (RuntimeException ex) {
			log.debug("Cache invalidations: cannot subscribe yet ({})", ex.toString());
			if (connection != null) {
				connection.closeAsync();
			}
		}
	}

	boolean subscribed() {
		StatefulRedisPubSubConnection<String, String> connection = this.subscription;
		return connection != null && connection.isOpen();
	}

	void publish(String cache, @Nullable String key) {
		String message = this.instance + "|" + cache + "|" + (key == null ? "" : key);
		this.redis.send(commands -> commands.publish(CHANNEL, message));
	}

	private void receive(String message) {
		String[] parts = message.split("\\|", 3);
		if (parts.length != 3 || parts[0].equals(this.instance)) {
			return;
		}
		this.listener.invalidated(parts[1], parts[2].isEmpty() ? null : parts[2]);
	}

	@Override
	public void close() {
		StatefulRedisPubSubConnection<String, String> connection = this.subscription;
		if (connection != null) {
			connection.closeAsync();
		}
	}

	interface Listener {

		/** Another instance wrote {@code key} of {@code cache} (null: all of it). */
		void invalidated(String cache, @Nullable String key);

		/** Messages may have been missed while not subscribed. */
		void resubscribed();

	}

}
