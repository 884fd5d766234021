package dev.fortress.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real-HTTP client for integration tests: requests go over a socket to the
 * running server, through every gate, exactly as a client's would.
 */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public Http(int port) {
		this.base = "http://localhost:" + port;
	}

	public Call get(String path) {
		return new Call("GET", path, null);
	}

	public Call post(String path, Object body) {
		return new Call("POST", path, body);
	}

	public Call put(String path, Object body) {
		return new Call("PUT", path, body);
	}

	public Call patch(String path, Object body) {
		return new Call("PATCH", path, body);
	}

	public Call delete(String path) {
		return new Call("DELETE", path, null);
	}

	public static String json(Object body) {
		return body instanceof String text ? text : JSON.writeValueAsString(body);
	}

	/** A request being built; {@link #send()} performs it. */
	public final class Call {

		private final String method;

		private final String path;

		private final Object body;

		private final Map<String, String> headers = new LinkedHashMap<>();

		Call(String method, String path, Object body) {
			this.method = method;
			this.path = path;
			this.body = body;
			if (body != null) {
				this.headers.put("Content-Type", "application/json");
			}
		}

		public Call token(String accessToken) {
			return header("Authorization", "Bearer " + accessToken);
		}

		public Call header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		public Response send() {
			HttpRequest.BodyPublisher publisher = this.body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(json(this.body));
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Http.this.base + this.path))
				.timeout(Duration.ofSeconds(60))
				.method(this.method, publisher);
			this.headers.forEach(request::header);
			try {
				HttpResponse<String> response = Http.this.client.send(request.build(),
						HttpResponse.BodyHandlers.ofString());
				return new Response(response.statusCode(), response.headers().map(), response.body());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A response: status, headers (case-insensitive) and body. */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String text(String field) {
			JsonNode node = json().path(field);
			return node.isMissingNode() || node.isNull() ? null : node.asString();
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
