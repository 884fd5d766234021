package dev.fortress.realtime.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.fortress.inventory.DropStatus;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;
import dev.fortress.realtime.internal.DropAvailability;
import dev.fortress.realtime.internal.LiveSink;

/**
 * The open drop counter streams of this instance, and the sink that feeds them. An update
 * is turned into its {@code text/event-stream} frame once and the same bytes go to every
 * stream of the drop: 5,000 watchers cost 5,000 socket writes, not 5,000 serialisations.
 * The fan-out runs on the streams' own thread, paced ({@link PacedFanOut}): the newest
 * state always reaches the watchers, but a drop watched by thousands gets fewer updates
 * rather than taking the CPU from its checkouts. The stream after a drop's {@code ENDED}
 * state is closed: nothing more can happen to it. How many streams may be open is capped
 * per instance and per client address, so watchers cannot take the connections and memory
 * that checkouts need. Metrics: {@code fortress.drop.streams.open}, and
 * {@code fortress.drop.streams.fan-out}, the time one update takes to reach every stream
 * of its drop. When the instance shuts down, its streams are ended first (their clients
 * reconnect elsewhere): an open stream would otherwise hold the graceful shutdown for its
 * whole timeout.
 */
@Component
class DropStreams implements LiveSink, SmartLifecycle {

	private static final String PREFIX = "/topic/drops/";

	/**
	 * A drop's fan-outs take at most a quarter of the streams' thread: 5,000 watchers
	 * cost 0.22 to 0.35 s per update on the benchmark's busy machine
	 * (docs/performance.md).
	 */
	private static final long PACE = 4;

	private final Map<UUID, Set<SseStream>> streams = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	private volatile boolean running;

	private final DropStreamProperties properties;

	private final JsonMapper json;

	private final Timer fanOutTimer;

	/**
	 * Fan-outs and heartbeats: never the thread of the feed that delivers an update. Made
	 * anew by each {@link #start()}: a context may be stopped and started again (the test
	 * framework pauses the contexts it is not using).
	 */
	private volatile @Nullable ScheduledExecutorService thread;

	private volatile @Nullable PacedFanOut<UUID, DropAvailability> fanOuts;

	DropStreams(DropStreamProperties properties, JsonMapper json, MeterRegistry meters) {
		this.properties = properties;
		this.json = json;
		this.fanOutTimer = Timer.builder("fortress.drop.streams.fan-out")
			.description("Handing one drop update to every open stream of the drop")
			.register(meters);
		Gauge.builder("fortress.drop.streams.open", this.open, AtomicInteger::get)
			.description("Open drop counter streams")
			.register(meters);
	}

	/**
	 * Takes a place for a new stream of {@code client}: {@code 429} when the client has
	 * its share open, {@code 503} when the instance is full. Give it back with
	 * {@link #leave} if the stream is not opened after all.
	 */
	void admit(String client) {
		if (this.open.incrementAndGet() > this.properties.max()) {
			this.open.decrementAndGet();
			throw ApiException.unavailable("Too many open streams; retry later", Duration.ofSeconds(5));
		}
		AtomicInteger mine = this.perClient.computeIfAbsent(client, key -> new AtomicInteger());
		if (mine.incrementAndGet() > this.properties.perClient()) {
			leave(client);
			throw new ApiException(ProblemType.RATE_LIMITED,
					"At most " + this.properties.perClient() + " open streams per client", List.of(),
					Duration.ofSeconds(5));
		}
	}

	void leave(String client) {
		this.open.decrementAndGet();
		this.perClient.computeIfPresent(client, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
	}

	/**
	 * Starts the admitted stream of {@code dropId} on {@code async} and sends it
	 * {@code initial}, unless an update overtook it.
	 */
	void open(UUID dropId, String client, AsyncContext async, DropAvailability initial) throws IOException {
		async.setTimeout(this.properties.maxAge().toMillis());
		SseStream stream = new SseStream(async, (closed) -> {
			forget(dropId, closed);
			leave(client);
		});
		stream.start();
		this.streams.compute(dropId, (id, set) -> {
			Set<SseStream> watchers = (set != null) ? set : ConcurrentHashMap.newKeySet();
			watchers.add(stream);
			return watchers;
		});
		stream.offerInitial(frame(initial), initial.status() == DropStatus.ENDED);
	}

	@Override
	public void deliver(String destination, Object payload) {
		UUID dropId = destination.startsWith(PREFIX) ? dropId(destination) : null;
		PacedFanOut<UUID, DropAvailability> paced = this.fanOuts;
		if (dropId != null && payload instanceof DropAvailability availability && this.streams.containsKey(dropId)
				&& paced != null) {
			paced.submit(dropId, availability);
		}
	}

	/**
	 * One update to every stream of the drop: the frame made once, the same bytes to
	 * each.
	 */
	private void fanOut(UUID dropId, DropAvailability availability) {
		Set<SseStream> watchers = this.streams.get(dropId);
		boolean end = availability.status() == DropStatus.ENDED;
		PacedFanOut<UUID, DropAvailability> paced = this.fanOuts;
		if (end && paced != null) {
			paced.forget(dropId);
		}
		if (watchers == null || watchers.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		byte[] frame = frame(availability);
		for (SseStream stream : watchers) {
			stream.offer(frame, end);
		}
		this.fanOutTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	/**
	 * The drop of {@code /topic/drops/{id}}, or {@code null} for a destination that is
	 * not one.
	 */
	private static @Nullable UUID dropId(String destination) {
		try {
			return UUID.fromString(destination.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private byte[] frame(DropAvailability availability) {
		return ("event: availability\ndata: " + this.json.writeValueAsString(availability) + "\n\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private void forget(UUID dropId, SseStream stream) {
		this.streams.computeIfPresent(dropId, (id, set) -> {
			set.remove(stream);
			return set.isEmpty() ? null : set;
		});
	}

	private void heartbeat() {
		this.streams.values().forEach(set -> set.forEach(SseStream::heartbeat));
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "drop-streams");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.properties.heartbeat().toMillis();
		started.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
		this.fanOuts = new PacedFanOut<>(started, PACE, this::fanOut);
		this.thread = started;
		this.running = true;
	}

	/**
	 * Ends every stream; runs before the web server's graceful shutdown waits for
	 * requests.
	 */
	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService stopped = this.thread;
		this.fanOuts = null;
		this.thread = null;
		if (stopped != null) {
			stopped.shutdownNow();
		}
		this.streams.values().forEach(set -> set.forEach(SseStream::end));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
