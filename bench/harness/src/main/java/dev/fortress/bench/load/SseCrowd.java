package dev.fortress.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thousands of Server-Sent Events watchers on one NIO thread: each connection sends its
 * GET once, then only reads, counting the {@code data:} lines it receives (one per event)
 * and whether its answer was {@code 200}. At most {@code 200} connections are opening at
 * a time, so the server's accept queue never overflows into SYN retries.
 */
public final class SseCrowd implements AutoCloseable {

	private static final int OPENING_AT_ONCE = 200;

	private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] OK = "HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII);

	private final InetSocketAddress target;

	private final byte[] request;

	private final int size;

	private final Selector selector;

	private final List<SocketChannel> channels = new ArrayList<>();

	private final AtomicInteger streaming = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicInteger closed = new AtomicInteger();

	private final AtomicLong events = new AtomicLong();

	private final Thread loop;

	private volatile boolean running = true;

	private int started;

	private int opening;

	private SseCrowd(InetSocketAddress target, String path, int size) throws IOException {
		this.target = target;
		this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + target.getHostString() + ":" + target.getPort()
				+ "\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		this.size = size;
		this.selector = Selector.open();
		this.loop = new Thread(this::run, "sse-crowd");
		this.loop.setDaemon(true);
	}

	/** Opens {@code size} streams of {@code path} and waits until each is answered. */
	public static SseCrowd open(InetSocketAddress target, String path, int size, Duration patience)
			throws IOException, InterruptedException {
		SseCrowd crowd = new SseCrowd(target, path, size);
		crowd.loop.start();
		long deadline = System.nanoTime() + patience.toNanos();
		while (crowd.streaming.get() + crowd.refused.get() + crowd.closed.get() < size
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		return crowd;
	}

	/** Streams answered {@code 200} and still open. */
	public int streaming() {
		return this.streaming.get() - this.closed.get();
	}

	public int refused() {
		return this.refused.get();
	}

	/** {@code data:} lines received so far, over all streams. */
	public long events() {
		return this.events.get();
	}

	private void run() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
		try {
			while (this.running) {
				openMore();
				this.selector.select(100);
				for (SelectionKey key : this.selector.selectedKeys()) {
					handle(key, buffer);
				}
				this.selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void openMore() throws IOException {
		while (this.started < this.size && this.opening < OPENING_AT_ONCE) {
			SocketChannel channel = SocketChannel.open();
			channel.configureBlocking(false);
			channel.connect(this.target);
			channel.register(this.selector, SelectionKey.OP_CONNECT, new Watcher());
			this.channels.add(channel);
			this.started++;
			this.opening++;
		}
	}

	private void handle(SelectionKey key, ByteBuffer buffer) {
		SocketChannel channel = (SocketChannel) key.channel();
		Watcher watcher = (Watcher) key.attachment();
		try {
			if (key.isConnectable()) {
				channel.finishConnect();
				channel.write(ByteBuffer.wrap(this.request));
				key.interestOps(SelectionKey.OP_READ);
				return;
			}
			buffer.clear();
			int read = channel.read(buffer);
			if (read < 0) {
				finish(key, watcher, this.closed);
				return;
			}
			buffer.flip();
			watcher.scan(buffer);
		}
		catch (IOException ex) {
			finish(key, watcher, this.closed);
		}
	}

	private void finish(SelectionKey key, Watcher watcher, AtomicInteger outcome) {
		key.cancel();
		try {
			key.channel().close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		if (watcher.status == 0) {
			this.opening--;
			this.refused.incrementAndGet();
		}
		else if (watcher.status == 200) {
			outcome.incrementAndGet();
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.running = false;
		this.loop.join(5000);
		for (SocketChannel channel : this.channels) {
			channel.close();
		}
		this.selector.close();
	}

	/** One stream: its status line, then how far into a {@code data:} match it is. */
	private final class Watcher {

		private final byte[] head = new byte[OK.length];

		private int headLength;

		private int status;

		private int matched;

		void scan(ByteBuffer bytes) {
			while (bytes.hasRemaining()) {
				byte b = bytes.get();
				if (this.status == 0) {
					this.head[this.headLength++] = b;
					if (this.headLength == OK.length) {
						boolean ok = Arrays.equals(this.head, OK);
						this.status = ok ? 200 : -1;
						SseCrowd.this.opening--;
						(ok ? SseCrowd.this.streaming : SseCrowd.this.refused).incrementAndGet();
					}
					continue;
				}
				this.matched = (b == DATA[this.matched]) ? this.matched + 1 : (b == DATA[0] ? 1 : 0);
				if (this.matched == DATA.length) {
					this.matched = 0;
					SseCrowd.this.events.incrementAndGet();
				}
			}
		}

	}

}
