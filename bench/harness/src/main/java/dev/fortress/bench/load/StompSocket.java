package dev.fortress.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A minimal STOMP 1.2 client over the JDK's WebSocket, for holding thousands of sessions
 * from one process: no thread per connection (the {@link HttpClient}'s selector serves
 * them all), frames written as text and parsed from whole WebSocket messages. Knows
 * CONNECT, SUBSCRIBE, SEND and heart-beats: what a benchmark of the server's fan-out
 * needs, nothing more.
 */
public final class StompSocket implements WebSocket.Listener {

	/** A MESSAGE or ERROR frame as received, stamped with {@link System#nanoTime()}. */
	public record Frame(String command, String destination, String body, long receivedNanos) {
	}

	private final Consumer<Frame> frames;

	private final CompletableFuture<StompSocket> connected = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile boolean closed;

	private WebSocket socket;

	private StompSocket(Consumer<Frame> frames) {
		this.frames = frames;
	}

	/**
	 * Opens {@code /ws} and sends CONNECT with the bearer token; completes when the
	 * server answers CONNECTED (exceptionally on an ERROR frame or a refused handshake).
	 * The client offers heart-beats every 10 s each way; {@link #heartbeat()} sends one.
	 */
	public static CompletableFuture<StompSocket> connect(HttpClient client, URI ws, String token,
			Consumer<Frame> frames) {
		StompSocket stomp = new StompSocket(frames);
		client.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(30))
			.buildAsync(ws, stomp)
			.thenAccept((socket) -> {
				stomp.socket = socket;
				stomp.sendFrame("CONNECT\naccept-version:1.2\nhost:fortress\nheart-beat:10000,10000\n"
						+ "Authorization:Bearer " + token + "\n\n");
			})
			.exceptionally((failure) -> {
				stomp.connected.completeExceptionally(failure);
				return null;
			});
		return stomp.connected.orTimeout(60, TimeUnit.SECONDS);
	}

	public void subscribe(String id, String destination) {
		sendFrame("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n");
	}

	public void send(String destination, String json) {
		sendFrame("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + json);
	}

	/** A heart-beat (an end of line), so the server sees the session alive. */
	public void heartbeat() {
		if (!this.closed) {
			send("\n");
		}
	}

	public boolean isOpen() {
		return !this.closed && this.socket != null && !this.socket.isOutputClosed() && !this.socket.isInputClosed();
	}

	public void close() {
		if (this.socket != null && !this.closed) {
			this.closed = true;
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally((failure) -> null);
		}
	}

	private void sendFrame(String frame) {
		send(frame + '\0');
	}

	// One text message in flight per socket: the JDK refuses a second send before the
	// first completes, so sends from several threads are serialised here.
	private synchronized void send(String text) {
		if (this.closed || this.socket == null) {
			return;
		}
		this.socket.sendText(text, true).toCompletableFuture().join();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		long now = System.nanoTime();
		this.partial.append(data);
		if (last) {
			String message = this.partial.toString();
			this.partial.setLength(0);
			for (String frame : message.split("\0")) {
				received(frame, now);
			}
		}
		webSocket.request(1);
		return null;
	}

	private void received(String frame, long now) {
		String text = frame.stripLeading();
		if (text.isEmpty()) {
			return; // a heart-beat
		}
		int end = text.indexOf("\n\n");
		String head = (end < 0) ? text : text.substring(0, end);
		String body = (end < 0) ? "" : text.substring(end + 2);
		String[] lines = head.split("\n");
		String destination = null;
		for (int i = 1; i < lines.length; i++) {
			if (lines[i].startsWith("destination:")) {
				destination = lines[i].substring("destination:".length());
			}
		}
		String command = lines[0].strip();
		switch (command) {
			case "CONNECTED" -> this.connected.complete(this);
			case "ERROR" -> {
				this.connected.completeExceptionally(new IllegalStateException("ERROR frame: " + text));
				this.frames.accept(new Frame(command, destination, body, now));
			}
			default -> this.frames.accept(new Frame(command, destination, body, now));
		}
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed = true;
		this.connected.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed = true;
		this.connected.completeExceptionally(error);
	}

}
