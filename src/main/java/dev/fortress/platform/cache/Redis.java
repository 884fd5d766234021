package dev.fortress.platform.cache;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Redis connection of the caches, behind a breaker, so a dead or frozen Redis
 * costs a read at most one command timeout (200 ms by default) once per back-off period
 * and otherwise nothing: every command has the timeout; the first failure opens the
 * breaker for the back-off (1 s, doubling up to 30 s while failures go on), during which
 * commands are skipped at once; after it, one caller tries again while the others keep
 * skipping; a success closes it. Commands are never queued while disconnected (they fail
 * at once), and a lost connection is re-established in the background every second.
 */
final class Redis implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Redis.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private final RedisClient client;

	private final ClientResources resources;

	private final Duration backoff;

	private final Duration maxBackoff;

	private final Counter failures;

	private final Counter skipped;

	private final AtomicBoolean trial = new AtomicBoolean();

	private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "cache-redis");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	private volatile boolean healthy = true;

	private volatile long openUntil;

	private volatile long currentBackoff;

	Redis(String url, Duration timeout, Duration backoff, Duration maxBackoff, MeterRegistry meters) {
		RedisURI uri = RedisURI.create(url);
		// Connecting (and its handshake, bounded by the URI's timeout) only ever happens
		// on
		// a background thread, so it may take longer than a command: a cold JVM needs
		// more
		// than 200 ms for its first connection.
		uri.setTimeout(CONNECT_TIMEOUT);
		this.resources = ClientResources.builder()
			.ioThreadPoolSize(2)
			.computationThreadPoolSize(2)
			.reconnectDelay(Delay.constant(Duration.ofSeconds(1)))
			.build();
		this.client = RedisClient.create(this.resources, uri);
		this.client.setOptions(ClientOptions.builder()
			.protocolVersion(ProtocolVersion.RESP2)
			.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
			// Every command fails after this, whatever the URI's timeout.
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.build());
		this.backoff = backoff;
		this.maxBackoff = maxBackoff;
		this.currentBackoff = backoff.toNanos();
		this.failures = Counter.builder("fortress.cache.redis.failures")
			.description("Redis commands of the caches that failed or timed out")
			.register(meters);
		this.skipped = Counter.builder("fortress.cache.redis.skipped")
			.description("Redis commands of the caches skipped because the breaker was open")
			.register(meters);
		Gauge.builder("fortress.cache.redis.up", this, redis -> redis.up() ? 1 : 0)
			.description("1 while the caches' Redis is connected and answers, 0 otherwise")
			.register(meters);
		every(Duration.ofSeconds(1), this::connectIfNeeded);
	}

	/** Runs {@code task} on the background thread now and then every {@code period}. */
	void every(Duration period, Runnable task) {
		this.background.scheduleWithFixedDelay(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void connectIfNeeded() {
		if (this.connection != null) {
			return;
		}
		try {
			this.connection = this.client.connect();
			log.info("Caches: connected to Redis");
		}
		catch (RuntimeException ex) {
			log.debug("Caches: cannot connect to Redis yet ({})", ex.toString());
		}
	}

	/**
	 * What a command answered (possibly null), or null when Redis was not asked or
	 * failed.
	 */
	<T> @Nullable Reply<T> call(Function<RedisCommands<String, String>, @Nullable T> command) {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null || !mayCall()) {
			this.skipped.increment();
			return null;
		}
		try {
			T value = command.apply(current.sync());
			succeeded();
			return new Reply<>(value);
		}
		catch (RuntimeException ex) {
			failed(ex);
			return null;
		}
	}

	/** Sends a command without waiting for it; a failure opens the breaker. */
	void send(Function<RedisAsyncCommands<String, String>, RedisFuture<?>> command) {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null || !this.healthy) {
			this.skipped.increment();
			return;
		}
		try {
			command.apply(current.async()).whenComplete((result, ex) -> {
				if (ex != null) {
					failed(ex);
				}
			});
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	StatefulRedisPubSubConnection<String, String> connectPubSub() {
		return this.client.connectPubSub();
	}

	boolean up() {
		return this.connection != null && this.healthy;
	}

	private boolean mayCall() {
		if (this.healthy) {
			return true;
		}
		return System.nanoTime() - this.openUntil >= 0 && this.trial.compareAndSet(false, true);
	}

	private void succeeded() {
		if (!this.healthy) {
			log.info("Redis answers again; the caches use it");
			this.currentBackoff = this.backoff.toNanos();
			this.healthy = true;
		}
		this.trial.set(false);
	}

	private void failed(Throwable ex) {
		this.failures.increment();
		long wait = this.currentBackoff;
		if (this.healthy) {
			log.warn("Redis failed ({}); the caches read the database without it for {} ms", ex.toString(),
					TimeUnit.NANOSECONDS.toMillis(wait));
		}
		else {
			this.currentBackoff = Math.min(wait * 2, this.maxBackoff.toNanos());
		}
		this.openUntil = System.nanoTime() + wait;
		this.healthy = false;
		this.trial.set(false);
	}

	@Override
	public void close() {
		this.background.shutdownNow();
		StatefulRedisConnection<String, String> current = this.connection;
		if (current != null) {
			current.closeAsync();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

	record Reply<T>(@Nullable T value) {
	}

}
