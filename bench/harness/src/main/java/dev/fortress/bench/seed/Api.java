package dev.fortress.bench.seed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fortress's public HTTP API, as the benchmark uses it to seed and to check: accounts,
 * products, stock and drops. Seeding is not measured, so this uses the JDK's client; the
 * load itself goes through the lean generator.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	public Api(String base) {
		this.base = base;
	}

	/** A call's status and JSON body (empty object when there is none). */
	public record Reply(int status, JsonNode body) {

		public String text(String field) {
			return this.body.path(field).asString();
		}

	}

	public Reply call(String method, String path, String token, Object body) {
		return call(method, path, token, body, Map.of());
	}

	/**
	 * One call; {@code 429} and {@code 503} (the password-hash gate, load shedding) are
	 * retried after a pause, up to a minute.
	 */
	public Reply call(String method, String path, String token, Object body, Map<String, String> headers) {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			Reply reply = once(method, path, token, body, headers);
			if ((reply.status() != 429 && reply.status() != 503) || System.nanoTime() > deadline) {
				return reply;
			}
			sleep(200);
		}
	}

	/** One call, not retried: what a lone buyer would get. */
	public Reply once(String method, String path, String token, Object body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		if (body != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String text = response.body();
			JsonNode json = text == null || text.isBlank() ? JSON.createObjectNode() : parse(text);
			return new Reply(response.statusCode(), json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode parse(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (RuntimeException ex) {
			return JSON.createObjectNode().put("raw", text);
		}
	}

	/** Like {@link #call} but anything other than {@code expected} is an error. */
	public Reply expect(int expected, String method, String path, String token, Object body) {
		Reply reply = call(method, path, token, body);
		if (reply.status() != expected) {
			throw new IllegalStateException(method + " " + path + " answered " + reply.status() + " (expected "
					+ expected + "): " + reply.body());
		}
		return reply;
	}

	public String login(String email, String password) {
		return expect(200, "POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password))
			.text("accessToken");
	}

	/** Registers an account; an existing one (409) is fine. */
	public void register(String email, String password, String displayName) {
		Reply reply = call("POST", "/api/v1/auth/register", null,
				Map.of("email", email, "password", password, "displayName", displayName));
		if (reply.status() != 201 && reply.status() != 409) {
			throw new IllegalStateException("register " + email + " answered " + reply.status() + ": " + reply.body());
		}
	}

	/** A product with one SKU at {@code priceCents} and {@code stock} units; its id. */
	public String createProduct(String admin, String name, String brand, String sku, long priceCents, int stock) {
		Map<String, Object> variant = Map.of("sku", sku, "size", "42", "price",
				Map.of("amount", priceCents, "currency", "USD"), "stock", stock);
		return expect(201, "POST", "/api/v1/products", admin, Map.of("name", name, "brand", brand, "description",
				"Seeded by the benchmark for " + name + ".", "variants", List.of(variant)))
			.text("id");
	}

	/** A drop, live from a second ago; its id. */
	public UUID createDrop(String admin, String sku, int quantity, int perCustomerLimit) {
		return UUID
			.fromString(
					expect(201, "POST", "/api/v1/drops", admin,
							Map.of("sku", sku, "quantity", quantity, "startsAt",
									Instant.now().minusSeconds(1).toString(), "perCustomerLimit", perCustomerLimit))
						.text("id"));
	}

	public void setStock(String admin, String sku, int onHand) {
		expect(200, "PUT", "/api/v1/inventory/" + sku, admin, Map.of("onHand", onHand));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
