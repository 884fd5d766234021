package dev.fortress.platform.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's link to the scale-out Redis, behind a breaker, so that a dead or frozen
 * Redis never hangs a request: every command has a short timeout; the first failure opens
 * the breaker for the back-off (1 s), during which callers do not ask Redis at all and
 * use their fallback; after it, one caller tries again while the others keep using
 * theirs, and a success closes it. A dead Redis therefore costs one failed attempt per
 * back-off period, not one per request. Commands are never queued while disconnected
 * (they fail at once); connecting, and reconnecting a lost connection, happen on a
 * background thread every second, so a Redis that is down at start-up costs requests
 * nothing.
 * <p>
 * Two connections: one for commands (keys are strings, values bytes, as Bucket4j stores
 * them) and one subscribed to the channels of {@link #subscribe}.
 */
public final class RedisLink implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final RedisSettings settings;

	private final ClientResources resources;

	private final RedisClient client;

	private final long backoffNanos;

	private final AtomicBoolean trial = new AtomicBoolean();

	private final Map<String, Consumer<String>> subscriptions = new ConcurrentHashMap<>();

	private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "scale-out-redis");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> pubSub;

	private volatile boolean healthy = true;

	/** Only the background thread reads and writes it. */
	private boolean unreachableReported;

	private volatile long openUntil;

	public RedisLink(RedisSettings settings) {
		this.settings = settings;
		RedisURI uri = RedisURI.create(settings.url());
		// The URI's timeout bounds the connection handshake (HELLO, AUTH, SELECT) too.
		uri.setTimeout(settings.timeout());
		this.resources = ClientResources.builder()
			.ioThreadPoolSize(2)
			.computationThreadPoolSize(1)
			.reconnectDelay(Delay.constant(Duration.ofSeconds(1)))
			.build();
		this.client = RedisClient.create(this.resources, uri);
		this.client.setOptions(ClientOptions.builder()
			.protocolVersion(ProtocolVersion.RESP2)
			.socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build())
			.timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.build());
		this.backoffNanos = settings.backoff().toNanos();
		this.background.scheduleWithFixedDelay(this::connectIfNeeded, 0, 1, TimeUnit.SECONDS);
	}

	/** The command connection, or null until the first connection succeeded. */
	public @Nullable StatefulRedisConnection<String, byte[]> connection() {
		return this.connection;
	}

	/** A command's timeout: how long a caller may wait for Redis. */
	public Duration timeout() {
		return this.settings.timeout();
	}

	/**
	 * Whether the caller may ask Redis now: the link is connected and the breaker closed,
	 * or the back-off is over and this caller is the one that tries again. A caller that
	 * gets {@code true} must report {@link #succeeded()} or {@link #failed}.
	 */
	public boolean mayCall() {
		if (this.connection == null) {
			return false;
		}
		if (this.healthy) {
			return true;
		}
		return System.nanoTime() - this.openUntil >= 0 && this.trial.compareAndSet(false, true);
	}

	public void succeeded() {
		if (!this.healthy) {
			log.info("Redis answers again; shared state is used again");
			this.healthy = true;
		}
		this.trial.set(false);
	}

	public void failed(Throwable ex) {
		if (this.healthy) {
			log.warn("Redis failed ({}); instances fall back to local state, asking again every {} ms", ex.toString(),
					TimeUnit.NANOSECONDS.toMillis(this.backoffNanos));
		}
		this.openUntil = System.nanoTime() + this.backoffNanos;
		this.healthy = false;
		this.trial.set(false);
	}

	/** Connected and the breaker closed. */
	public boolean up() {
		return this.connection != null && this.healthy;
	}

	/**
	 * Sends a message to every instance subscribed to the channel (this one included),
	 * without waiting. Skipped while the breaker is open: messages are hints whose loss
	 * the subscribers must tolerate.
	 */
	public void publish(String channel, String message) {
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current == null || !this.healthy) {
			return;
		}
		try {
			current.async().publish(channel, message.getBytes(StandardCharsets.UTF_8)).whenComplete((receivers, ex) -> {
				if (ex != null) {
					failed(ex);
				}
			});
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	/**
	 * Delivers the channel's messages to {@code listener} (on a Redis I/O thread: it must
	 * be quick) from the moment the subscription is established, which happens in the
	 * background once Redis can be reached and again after every reconnection.
	 */
	public void subscribe(String channel, Consumer<String> listener) {
		this.subscriptions.put(channel, listener);
		StatefulRedisPubSubConnection<String, String> current = this.pubSub;
		if (current != null) {
			current.async().subscribe(channel);
		}
	}

	private void connectIfNeeded() {
		try {
			if (this.connection == null) {
				this.connection = this.client.connect(CODEC);
				log.info("Connected to Redis at {}", this.settings.urlWithoutPassword());
			}
			if (this.pubSub == null && !this.subscriptions.isEmpty()) {
				StatefulRedisPubSubConnection<String, String> subscriber = this.client.connectPubSub();
				subscriber.addListener(new RedisPubSubAdapter<>() {
					@Override
					public void message(String channel, String message) {
						Consumer<String> listener = RedisLink.this.subscriptions.get(channel);
						if (listener != null) {
							listener.accept(message);
						}
					}
				});
				// Published before the channels are read: a subscribe() meanwhile either
				// finds the connection or its channel is read here. Lettuce subscribes
				// again by itself after a reconnection.
				this.pubSub = subscriber;
				try {
					subscriber.sync().subscribe(this.subscriptions.keySet().toArray(String[]::new));
				}
				catch (RuntimeException ex) {
					this.pubSub = null;
					subscriber.closeAsync();
					throw ex;
				}
			}
		}
		catch (RuntimeException ex) {
			if (this.unreachableReported) {
				log.debug("Cannot connect to Redis at {} yet ({})", this.settings.urlWithoutPassword(), ex.toString());
			}
			else {
				log.warn("Cannot connect to Redis at {} ({}); every instance decides on its own until it can, "
						+ "trying every second", this.settings.urlWithoutPassword(), ex.toString());
				this.unreachableReported = true;
			}
		}
	}

	@Override
	public void close() {
		this.background.shutdownNow();
		StatefulRedisPubSubConnection<String, String> subscriber = this.pubSub;
		if (subscriber != null) {
			subscriber.closeAsync();
		}
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current != null) {
			current.closeAsync();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

}
