package dev.fortress.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean HTTP/1.1 load generator on one thread and one selector: keep-alive connections,
 * one request in flight per connection, requests written straight from pre-encoded bytes
 * and responses parsed without allocating. One thread is enough for well over 10k
 * requests per second and leaves the other core to the server under test; the benchmark
 * reports its CPU so that claim is checked on every run.
 *
 * <p>
 * The run has three parts: warm-up (answers counted only in the run's totals), the
 * measured window, and a drain in which answers still arriving are counted in the totals
 * only. Call {@link #run()} on its own thread; {@link #awaitStart()} returns the instant
 * the load began, from which the window's bounds follow.
 */
public final class LoadEngine {

	private static final int READ_BUFFER = 64 * 1024;

	private static final int REQUEST_BUFFER = 16 * 1024;

	private static final int CONNECTS_AT_ONCE = 128;

	private static final long SCAN_INTERVAL = TimeUnit.MILLISECONDS.toNanos(50);

	private static final long RECONNECT_DELAY = TimeUnit.MILLISECONDS.toNanos(100);

	private final InetSocketAddress target;

	private final RequestSource source;

	private final LoadPlan plan;

	private final Selector selector;

	private final Connection[] connections;

	private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);

	private final int[] idle;

	private int idleCount;

	private final Map<String, long[]> totals = new TreeMap<>();

	private final CountDownLatch started = new CountDownLatch(1);

	private volatile long startNanos;

	private long windowStart;

	private long windowEnd;

	private Stats current;

	private Stats window;

	private boolean sending = true;

	private long arrivals;

	private long budget;

	private int inFlight;

	private long connectErrors;

	private long nextScan;

	private long inFlightAtWindowEnd;

	public LoadEngine(InetSocketAddress target, RequestSource source, LoadPlan plan) throws IOException {
		this.target = target;
		this.source = source;
		this.plan = plan;
		this.selector = Selector.open();
		this.connections = new Connection[plan.connections()];
		this.idle = new int[plan.connections()];
		for (int i = 0; i < this.connections.length; i++) {
			this.connections[i] = new Connection(i, new ResponseParser(source.bodyCapture()));
		}
		this.budget = plan.requests() > 0 ? plan.requests() : Long.MAX_VALUE;
	}

	/** Blocks until every connection is open and the load has begun; its start. */
	public long awaitStart() throws InterruptedException {
		this.started.await();
		return this.startNanos;
	}

	public LoadResult run() throws IOException {
		try {
			connectAll();
			long now = System.nanoTime();
			this.startNanos = now;
			this.windowStart = now + this.plan.warmup().toNanos();
			this.windowEnd = this.windowStart + this.plan.measure().toNanos();
			this.current = new Stats(now);
			this.started.countDown();
			if (!this.plan.openLoop()) {
				for (Connection connection : this.connections) {
					sendNext(connection, now);
				}
			}
			loop();
			unanswered();
			return result();
		}
		finally {
			this.started.countDown();
			for (Connection connection : this.connections) {
				connection.close();
			}
			this.selector.close();
		}
	}

	private void connectAll() throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		int next = 0;
		int pending = 0;
		int connected = 0;
		while (connected < this.connections.length) {
			while (next < this.connections.length && pending < CONNECTS_AT_ONCE) {
				if (open(this.connections[next++])) {
					connected++;
				}
				else {
					pending++;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IOException("could not open " + this.connections.length + " connections to " + this.target
						+ " within 120 s (" + connected + " open)");
			}
			this.selector.select(100);
			for (SelectionKey key : this.selector.selectedKeys()) {
				Connection connection = (Connection) key.attachment();
				if (key.isValid() && key.isConnectable()) {
					if (finishConnect(connection)) {
						pending--;
						connected++;
					}
					else if (connection.channel == null) {
						open(connection);
					}
				}
			}
			this.selector.selectedKeys().clear();
		}
		for (Connection connection : this.connections) {
			connection.idle = true;
			this.idle[this.idleCount++] = connection.index;
		}
	}

	private void loop() throws IOException {
		while (true) {
			long now = System.nanoTime();
			rollWindow(now);
			if (!this.sending && (this.inFlight == 0 || now >= this.windowEnd + this.plan.drain().toNanos())) {
				return;
			}
			if (this.plan.openLoop() && this.sending) {
				dispatchDue(now);
			}
			if (now >= this.nextScan) {
				scan(now);
				this.nextScan = now + SCAN_INTERVAL;
			}
			waitForEvents(now);
			now = System.nanoTime();
			for (SelectionKey key : this.selector.selectedKeys()) {
				handle(key, now);
			}
			this.selector.selectedKeys().clear();
		}
	}

	private void rollWindow(long now) {
		if (this.window == null && now >= this.windowStart && this.current != null
				&& this.windowStart > this.current.startNanos) {
			this.current = new Stats(this.windowStart);
		}
		boolean exhausted = this.budget == 0 && this.inFlight == 0;
		if (this.sending && (now >= this.windowEnd || exhausted)) {
			this.sending = false;
			this.windowEnd = Math.min(this.windowEnd, now);
			this.current.endNanos = this.windowEnd;
			this.inFlightAtWindowEnd = this.inFlight;
			this.window = this.current;
			this.current = null;
		}
	}

	private void waitForEvents(long now) throws IOException {
		long wake = this.nextScan;
		if (this.sending) {
			wake = Math.min(wake, this.windowEnd);
			if (this.window == null && now < this.windowStart) {
				wake = Math.min(wake, this.windowStart);
			}
			if (this.plan.openLoop() && this.idleCount > 0) {
				wake = Math.min(wake, due(this.arrivals));
			}
		}
		long wait = wake - now;
		if (wait <= 0) {
			this.selector.selectNow();
		}
		else if (wait >= 1_000_000) {
			this.selector.select(wait / 1_000_000);
		}
		else if (this.selector.selectNow() == 0) {
			// Sub-millisecond waits: select() only counts whole milliseconds.
			LockSupport.parkNanos(wait);
			this.selector.selectNow();
		}
	}

	/** Open loop: sends every arrival that is due, while a connection is free. */
	private void dispatchDue(long now) {
		while (this.idleCount > 0) {
			long due = due(this.arrivals);
			if (due > now || due >= this.windowEnd) {
				return;
			}
			Connection connection = this.connections[this.idle[--this.idleCount]];
			connection.idle = false;
			if (connection.channel == null || !connection.channel.isConnected()) {
				continue; // being opened again; it comes back when it is open
			}
			send(connection, (int) (this.arrivals % Integer.MAX_VALUE), due, now);
			this.arrivals++;
		}
	}

	private long due(long arrival) {
		return this.startNanos + (long) (arrival * 1e9 / this.plan.rate());
	}

	private void sendNext(Connection connection, long now) {
		if (!this.sending || this.budget == 0 || connection.channel == null || !connection.channel.isConnected()) {
			return;
		}
		if (this.plan.openLoop()) {
			if (!connection.idle) {
				connection.idle = true;
				this.idle[this.idleCount++] = connection.index;
			}
			dispatchDue(now);
			return;
		}
		send(connection, connection.index, now, now);
	}

	private void send(Connection connection, int buyer, long intended, long now) {
		if (this.budget != Long.MAX_VALUE) {
			this.budget--;
		}
		connection.out.clear();
		this.source.write(connection.out, buyer);
		connection.out.flip();
		connection.parser.reset(false);
		connection.busy = true;
		connection.intended = intended;
		connection.sentAt = now;
		this.inFlight++;
		if (this.current != null) {
			this.current.sent++;
		}
		try {
			connection.channel.write(connection.out);
			connection.key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE
					: SelectionKey.OP_READ);
		}
		catch (IOException | CancelledKeyException ex) {
			fail(connection, "io-error", now);
		}
	}

	private void handle(SelectionKey key, long now) {
		Connection connection = (Connection) key.attachment();
		try {
			if (!key.isValid()) {
				return;
			}
			if (key.isConnectable()) {
				if (finishConnect(connection)) {
					connected(connection, now);
				}
				else if (connection.channel == null) {
					connection.reconnectAt = now + RECONNECT_DELAY;
				}
				return;
			}
			if (key.isWritable()) {
				connection.channel.write(connection.out);
				if (!connection.out.hasRemaining()) {
					key.interestOps(SelectionKey.OP_READ);
				}
			}
			if (key.isReadable()) {
				read(connection, now);
			}
		}
		catch (IOException | CancelledKeyException ex) {
			if (connection.busy) {
				fail(connection, "io-error", now);
			}
			else {
				reopen(connection, now);
			}
		}
	}

	private void read(Connection connection, long now) throws IOException {
		this.in.clear();
		int n = connection.channel.read(this.in);
		if (n < 0) {
			if (connection.busy && connection.parser.started() && connection.parser.endOfStream()) {
				complete(connection, now);
			}
			else if (connection.busy) {
				fail(connection, "io-error", now);
			}
			else {
				reopen(connection, now);
			}
			return;
		}
		this.in.flip();
		if (connection.busy && connection.parser.feed(this.in)) {
			complete(connection, now);
		}
	}

	private void complete(Connection connection, long now) {
		ResponseParser parser = connection.parser;
		String label = this.source.label(parser.status(), parser.retryAfter(), parser.body(), parser.bodyLength());
		boolean good = this.source.good(label);
		connection.busy = false;
		this.inFlight--;
		count(label);
		if (this.current != null) {
			this.current.answer(label, good, now - connection.intended, now);
		}
		if (parser.closeRequested()) {
			reopen(connection, now);
		}
		else {
			sendNext(connection, now);
		}
	}

	/** The request failed without an answer (reset, or timed out). */
	private void fail(Connection connection, String label, long now) {
		if (connection.busy) {
			connection.busy = false;
			this.inFlight--;
			count(label);
			if (this.current != null) {
				this.current.count(label);
			}
		}
		reopen(connection, now);
	}

	/**
	 * Requests still unanswered when the drain ends: the client gave up on them, so their
	 * outcome is unknown (the server may still complete them) and they are counted as
	 * such, like a timeout, never silently dropped.
	 */
	private void unanswered() {
		for (Connection connection : this.connections) {
			if (connection.busy) {
				connection.busy = false;
				this.inFlight--;
				count("timeout");
			}
		}
	}

	private void count(String label) {
		this.totals.computeIfAbsent(label, l -> new long[1])[0]++;
	}

	/** Timeouts, and connections waiting to be opened again. */
	private void scan(long now) {
		long timeout = this.plan.timeout().toNanos();
		for (Connection connection : this.connections) {
			if (connection.busy && now - connection.sentAt > timeout) {
				fail(connection, "timeout", now);
			}
			else if (connection.reconnectAt != 0 && now >= connection.reconnectAt) {
				connection.reconnectAt = 0;
				reopen(connection, now);
			}
		}
	}

	private void reopen(Connection connection, long now) {
		connection.close();
		try {
			if (open(connection)) {
				connected(connection, now);
			}
		}
		catch (IOException ex) {
			this.connectErrors++;
			connection.reconnectAt = now + RECONNECT_DELAY;
		}
	}

	private void connected(Connection connection, long now) {
		sendNext(connection, now);
	}

	/** Starts connecting; true if the connection is already open. */
	private boolean open(Connection connection) throws IOException {
		SocketChannel channel = SocketChannel.open();
		channel.configureBlocking(false);
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		connection.channel = channel;
		boolean open = channel.connect(this.target);
		connection.key = channel.register(this.selector, open ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
				connection);
		return open;
	}

	private boolean finishConnect(Connection connection) {
		try {
			if (connection.channel.finishConnect()) {
				connection.key.interestOps(SelectionKey.OP_READ);
				return true;
			}
			return false;
		}
		catch (IOException ex) {
			this.connectErrors++;
			connection.close();
			return false;
		}
	}

	private LoadResult result() {
		Stats measured = this.window;
		double seconds = (measured.endNanos - measured.startNanos) / 1e9;
		long scheduled = 0;
		long backlog = 0;
		if (this.plan.openLoop()) {
			long dueBeforeEnd = arrivalsBefore(measured.endNanos);
			scheduled = dueBeforeEnd - arrivalsBefore(measured.startNanos);
			backlog = Math.max(0, dueBeforeEnd - this.arrivals);
		}
		return new LoadResult(this.plan, seconds, measured.sent, measured.answered, measured.goodCount, scheduled,
				backlog, this.inFlightAtWindowEnd, LoadResult.flatten(measured.outcomes),
				LoadResult.flatten(this.totals), LoadResult.Percentiles.of(measured.all),
				LoadResult.Percentiles.of(measured.good), measured.goodPerSecond((int) Math.ceil(seconds)),
				this.connectErrors);
	}

	private long arrivalsBefore(long nanos) {
		// Arrival k is due at start + k / rate: those before `nanos` are 0 .. ceil(x) -
		// 1.
		return (long) Math.ceil((nanos - this.startNanos) * this.plan.rate() / 1e9);
	}

	/** One keep-alive connection and the request it carries. */
	private static final class Connection {

		final int index;

		final ResponseParser parser;

		final ByteBuffer out = ByteBuffer.allocateDirect(REQUEST_BUFFER);

		SocketChannel channel;

		SelectionKey key;

		boolean busy;

		/** Open loop: on the stack of free connections. */
		boolean idle;

		long intended;

		long sentAt;

		long reconnectAt;

		Connection(int index, ResponseParser parser) {
			this.index = index;
			this.parser = parser;
		}

		void close() {
			if (this.key != null) {
				this.key.cancel();
			}
			if (this.channel != null) {
				try {
					this.channel.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
			this.channel = null;
			this.key = null;
		}

	}

}
