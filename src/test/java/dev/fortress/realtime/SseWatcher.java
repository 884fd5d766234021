package dev.fortress.realtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client over a real socket, as {@code curl -N} or a browser's
 * {@code EventSource} would read the stream: a thread parses events into a queue.
 */
final class SseWatcher implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final HttpResponse<InputStream> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private volatile boolean ended;

	private SseWatcher(HttpResponse<InputStream> response) {
		this.response = response;
		if (response.statusCode() == 200) {
			Thread reader = new Thread(this::read, "sse-watcher");
			reader.setDaemon(true);
			reader.start();
		}
	}

	static SseWatcher open(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		return new SseWatcher(CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream()));
	}

	int status() {
		return this.response.statusCode();
	}

	String header(String name) {
		return this.response.headers().firstValue(name).orElse("");
	}

	/** The body of a refused stream (a problem). */
	JsonNode problem() throws IOException {
		return JSON.readTree(this.response.body().readAllBytes());
	}

	/** The next event, or {@code null} after {@code timeout}. */
	Event next(Duration timeout) throws InterruptedException {
		return this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Events received so far and not taken. */
	List<Event> drain() {
		List<Event> taken = new ArrayList<>();
		this.events.drainTo(taken);
		return taken;
	}

	/** Whether the server ended the stream. */
	boolean ended() {
		return this.ended;
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String name = null;
			StringBuilder data = new StringBuilder();
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isEmpty()) {
					if (name != null) {
						this.events.add(new Event(name, JSON.readTree(data.toString())));
					}
					name = null;
					data.setLength(0);
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).trim());
				}
			}
			this.ended = true;
		}
		catch (IOException ex) {
			// closed by the test
		}
	}

	@Override
	public void close() throws IOException {
		this.response.body().close();
	}

	record Event(String name, JsonNode data) {

		int available() {
			return this.data.path("available").asInt();
		}

		String status() {
			return this.data.path("status").asString();
		}

	}

}
