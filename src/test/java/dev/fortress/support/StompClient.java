package dev.fortress.support;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A real STOMP client over a real WebSocket to the running server ({@code /ws}), for
 * tests: connects with a bearer token, records every MESSAGE per subscription and every
 * ERROR frame, and tells when the server closed the connection.
 */
public final class StompClient implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebSocketStompClient client;

	private final Recorder recorder = new Recorder();

	private final @Nullable StompSession session;

	private StompClient(int port, @Nullable String token, boolean expectConnected) throws Exception {
		this.client = new WebSocketStompClient(new StandardWebSocketClient());
		this.client.setMessageConverter(new TextConverter());
		StompHeaders connect = new StompHeaders();
		if (token != null) {
			connect.add("Authorization", "Bearer " + token);
		}
		CompletableFuture<StompSession> future = this.client.connectAsync("ws://127.0.0.1:" + port + "/ws",
				new WebSocketHttpHeaders(), connect, this.recorder);
		StompSession connected = null;
		try {
			connected = future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			if (expectConnected) {
				throw new AssertionError("CONNECT was refused: " + this.recorder.errors.peek(), ex);
			}
		}
		this.session = connected;
	}

	/** Connects and waits for CONNECTED; fails the test if the server refuses. */
	public static StompClient connect(int port, @Nullable String token) throws Exception {
		return new StompClient(port, token, true);
	}

	/** Tries to connect; the result tells whether the server answered CONNECTED. */
	public static StompClient attempt(int port, @Nullable String token) throws Exception {
		return new StompClient(port, token, false);
	}

	public boolean connected() {
		return this.session != null && this.session.isConnected();
	}

	/** Subscribes; the returned queue fills with each MESSAGE's JSON body. */
	public BlockingQueue<JsonNode> subscribe(String destination) {
		BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
		session().subscribe(destination, new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders headers) {
				return String.class;
			}

			@Override
			public void handleFrame(StompHeaders headers, @Nullable Object payload) {
				messages.add(JSON.readTree(String.valueOf(payload)));
			}
		});
		return messages;
	}

	/** Sends a JSON body. */
	public void send(String destination, Object body) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		session().send(headers, body instanceof String text ? text : JSON.writeValueAsString(body));
	}

	/** The next ERROR frame the server sent: its headers and its body as JSON. */
	public ErrorFrame awaitError() throws InterruptedException {
		ErrorFrame error = this.recorder.errors.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		if (error == null) {
			throw new AssertionError("No ERROR frame within " + WAIT);
		}
		return error;
	}

	/**
	 * The next ERROR frame, or {@code null} when the server closed the connection without
	 * one reaching us: Spring closes a session right after handing it an ERROR frame, and
	 * when another thread is still flushing that session (the CONNECTED frame just sent)
	 * the close can overtake the buffered ERROR frame. Callers then check the refusal
	 * another way (the server's count of refusals by type).
	 */
	public @Nullable ErrorFrame awaitErrorOrClosed() throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			ErrorFrame error = this.recorder.errors.poll(50, TimeUnit.MILLISECONDS);
			if (error != null) {
				return error;
			}
			if (this.recorder.closed.getCount() == 0 && this.recorder.errors.isEmpty()) {
				return null;
			}
		}
		throw new AssertionError("No ERROR frame and no close within " + WAIT);
	}

	/** Whether the server closed the connection within the wait. */
	public boolean awaitClosed() throws InterruptedException {
		return this.recorder.closed.await(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	/** Nothing arrives on the queue for a while (long enough for a live update). */
	public static void assertQuiet(BlockingQueue<JsonNode> messages, Duration during) throws InterruptedException {
		JsonNode unexpected = messages.poll(during.toMillis(), TimeUnit.MILLISECONDS);
		if (unexpected != null) {
			throw new AssertionError("Expected nothing, received " + unexpected);
		}
	}

	/** The next message, or a failure after the wait. */
	public static JsonNode next(BlockingQueue<JsonNode> messages) throws InterruptedException {
		JsonNode message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No message within " + WAIT);
		}
		return message;
	}

	private StompSession session() {
		if (this.session == null) {
			throw new AssertionError("Not connected: " + this.recorder.errors.peek());
		}
		return this.session;
	}

	@Override
	public void close() {
		try {
			if (this.session != null && this.session.isConnected()) {
				this.session.disconnect();
			}
		}
		catch (RuntimeException ex) {
			// the server closed it first
		}
		this.client.stop();
	}

	/** An ERROR frame: its {@code message} header and its problem body. */
	public record ErrorFrame(@Nullable String message, @Nullable JsonNode problem) {

		public String type() {
			return this.problem == null ? "" : this.problem.path("type").asString();
		}

	}

	private static final class Recorder extends StompSessionHandlerAdapter {

		final BlockingQueue<ErrorFrame> errors = new LinkedBlockingQueue<>();

		final CountDownLatch closed = new CountDownLatch(1);

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return String.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			String body = payload == null ? "" : payload.toString();
			this.errors.add(new ErrorFrame(headers.getFirst("message"), body.isEmpty() ? null : JSON.readTree(body)));
		}

		@Override
		public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
				byte[] payload, Throwable exception) {
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			this.closed.countDown();
		}

	}

	/** Bodies as text whatever their content type: the tests read them as JSON. */
	private static final class TextConverter extends AbstractMessageConverter {

		TextConverter() {
			super(MimeTypeUtils.ALL);
			setStrictContentTypeMatch(false);
		}

		@Override
		protected boolean supports(Class<?> clazz) {
			return clazz == String.class;
		}

		@Override
		protected boolean supportsMimeType(@Nullable MessageHeaders headers) {
			return true;
		}

		@Override
		protected Object convertFromInternal(Message<?> message, Class<?> targetClass,
				@Nullable Object conversionHint) {
			Object payload = message.getPayload();
			return payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : payload.toString();
		}

		@Override
		protected Object convertToInternal(Object payload, @Nullable MessageHeaders headers,
				@Nullable Object conversionHint) {
			return payload.toString().getBytes(StandardCharsets.UTF_8);
		}

	}

}
