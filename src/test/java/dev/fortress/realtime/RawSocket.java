package dev.fortress.realtime;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.fortress.support.StompClient;

/** A WebSocket that sends frames as written, malformed ones included. */
final class RawSocket implements AutoCloseable {

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile CloseStatus closeStatus = CloseStatus.NO_STATUS_CODE;

	private final WebSocketSession session;

	private RawSocket(int port, WebSocketHttpHeaders headers) throws Exception {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
		this.session = new StandardWebSocketClient(container).execute(new TextWebSocketHandler() {
			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) {
				RawSocket.this.received.add(message.getPayload());
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
				RawSocket.this.closeStatus = status;
				RawSocket.this.closed.countDown();
			}
		}, headers, URI.create("ws://127.0.0.1:" + port + "/ws")).get(StompClient.WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	static RawSocket open(int port) throws Exception {
		return new RawSocket(port, new WebSocketHttpHeaders());
	}

	/** A handshake as a browser on a page of {@code origin} makes it. */
	static RawSocket openFrom(int port, String origin) throws Exception {
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setOrigin(origin);
		return new RawSocket(port, headers);
	}

	void send(String frame) throws Exception {
		this.session.sendMessage(new TextMessage(frame));
	}

	/** Sends, ignoring that the server may close the connection before it has all. */
	void sendRegardless(String frame) {
		try {
			send(frame);
		}
		catch (Exception ex) {
			// the server refused it midway
		}
	}

	/** The next frame the server sent (heart-beats skipped). */
	String next() throws InterruptedException {
		while (true) {
			String frame = this.received.poll(StompClient.WAIT.toSeconds(), TimeUnit.SECONDS);
			if (frame == null) {
				throw new AssertionError("Nothing received within " + StompClient.WAIT);
			}
			if (!frame.isBlank()) {
				return frame;
			}
		}
	}

	/**
	 * The next frame, or {@code null} when the server closed the connection first: Spring
	 * closes a session right after handing it an ERROR frame, and when another thread is
	 * still flushing that session (the CONNECTED frame just sent) the close can overtake
	 * the buffered ERROR frame.
	 */
	@Nullable String nextOrClosed() throws InterruptedException {
		long deadline = System.nanoTime() + StompClient.WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			String frame = this.received.poll(50, TimeUnit.MILLISECONDS);
			if (frame != null && !frame.isBlank()) {
				return frame;
			}
			if (frame == null && this.closed.getCount() == 0 && this.received.isEmpty()) {
				return null;
			}
		}
		throw new AssertionError("Nothing received and not closed within " + StompClient.WAIT);
	}

	boolean awaitClosed() throws InterruptedException {
		return this.closed.await(StompClient.WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	/** How the connection was closed (once it was). */
	CloseStatus closeStatus() {
		return this.closeStatus;
	}

	@Override
	public void close() throws Exception {
		if (this.session.isOpen()) {
			this.session.close();
		}
	}

}
