package dev.fortress.bench.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible {@code chat/completions} server in the benchmark's own process, so
 * that answers can be measured without a real model and with a model whose time is known:
 * a streamed call waits {@code firstToken}, then sends the reply in {@code chunks} pieces
 * {@code between} apart, then the {@code usage} (prompt tokens estimated at four
 * characters of the request per token) and {@code [DONE]}. A call that does not stream
 * gets the whole reply at once after {@code firstToken}. Every call is counted, so a
 * scenario can prove that a cached answer never reached the model.
 *
 * <p>
 * It runs on a pool of its own (a slow model must not hold the generator's thread), and
 * its CPU is the generator's, not the application's.
 */
public final class FakeLanguageModel implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService pool;

	private final Duration firstToken;

	private final List<String> pieces;

	private final Duration between;

	private final Function<String, String> replyToPrompt;

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong streamed = new AtomicLong();

	private FakeLanguageModel(Duration firstToken, List<String> pieces, Duration between,
			Function<String, String> replyToPrompt) throws IOException {
		this.firstToken = firstToken;
		this.pieces = pieces;
		this.between = between;
		this.replyToPrompt = replyToPrompt;
		this.pool = Executors.newFixedThreadPool(128, (r) -> {
			Thread thread = new Thread(r, "fake-llm");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		this.server.setExecutor(this.pool);
		this.server.createContext("/v1/chat/completions", this::completions);
		this.server.start();
	}

	/**
	 * A model that streams {@code reply} in {@code chunks} pieces; non-streamed calls get
	 * {@code replyToPrompt} of the request's text (the moderation check's verdict).
	 */
	public static FakeLanguageModel start(Duration firstToken, int chunks, Duration between, String reply,
			Function<String, String> replyToPrompt) {
		try {
			return new FakeLanguageModel(firstToken, split(reply, chunks), between, replyToPrompt);
		}
		catch (IOException ex) {
			throw new IllegalStateException("the fake language model could not start", ex);
		}
	}

	/** The base URL for {@code FORTRESS_LLM_URL}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/** Calls received so far, streamed or not. */
	public long calls() {
		return this.calls.get();
	}

	/** Streamed calls received so far (answers). */
	public long streamedCalls() {
		return this.streamed.get();
	}

	/** How long a streamed answer takes the model, first token to last chunk. */
	public Duration streamTime() {
		return this.firstToken.plus(this.between.multipliedBy(Math.max(0, this.pieces.size() - 1)));
	}

	public int chunks() {
		return this.pieces.size();
	}

	private void completions(HttpExchange exchange) throws IOException {
		try (exchange) {
			String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.calls.incrementAndGet();
			JsonNode body = JSON.readTree(request);
			boolean stream = body.path("stream").asBoolean(false);
			Map<String, Object> usage = Map.of("prompt_tokens", Math.max(1, request.length() / 4), "completion_tokens",
					this.pieces.size(), "total_tokens", Math.max(1, request.length() / 4) + this.pieces.size());
			sleep(this.firstToken);
			if (!stream) {
				byte[] reply = JSON.writeValueAsBytes(Map.of("id", "chatcmpl-bench", "object", "chat.completion",
						"created", 1_700_000_000, "model", "fake-model", "choices",
						List.of(Map.of("index", 0, "message",
								Map.of("role", "assistant", "content", this.replyToPrompt.apply(request)),
								"finish_reason", "stop")),
						"usage", usage));
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, reply.length);
				exchange.getResponseBody().write(reply);
				return;
			}
			this.streamed.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			for (int i = 0; i < this.pieces.size(); i++) {
				if (i > 0) {
					sleep(this.between);
				}
				send(out, chunk(Map.of("index", 0, "delta", Map.of("role", "assistant", "content", this.pieces.get(i))),
						null));
			}
			send(out, chunk(Map.of("index", 0, "delta", Map.of(), "finish_reason", "stop"), null));
			send(out, chunk(null, usage));
			send(out, "data: [DONE]\n\n");
		}
		catch (IOException | RuntimeException ex) {
			// the caller gave up (a timeout, a shutdown): nothing to answer
		}
	}

	private static void send(OutputStream out, String event) throws IOException {
		out.write(event.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String chunk(Map<String, Object> choice, Map<String, Object> usage) {
		Map<String, Object> chunk = new LinkedHashMap<>();
		chunk.put("id", "chatcmpl-bench");
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", 1_700_000_000);
		chunk.put("model", "fake-model");
		chunk.put("choices", choice == null ? List.of() : List.of(choice));
		if (usage != null) {
			chunk.put("usage", usage);
		}
		return "data: " + JSON.writeValueAsString(chunk) + "\n\n";
	}

	/** The reply cut into {@code chunks} pieces of about equal length. */
	static List<String> split(String reply, int chunks) {
		List<String> pieces = new ArrayList<>();
		int size = (int) Math.ceil(reply.length() / (double) chunks);
		for (int from = 0; from < reply.length(); from += size) {
			pieces.add(reply.substring(from, Math.min(reply.length(), from + size)));
		}
		return pieces;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.pool.shutdownNow();
	}

}
