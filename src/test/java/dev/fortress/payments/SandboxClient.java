package dev.fortress.payments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.fortress.support.Http;

/**
 * Test support: talks to the sandbox provider over HTTP as any client of a provider would
 * (someone with its API key, such as an operator in its dashboard). Requests are sent as
 * given, with the key unless told otherwise.
 */
public final class SandboxClient {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private final String apiKey;

	public SandboxClient(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
	}

	/**
	 * Authorises {@code body} ({@code amount, currency, token, reference}) under
	 * {@code key}.
	 */
	public Http.Response authorize(String key, Map<String, Object> body) {
		return send("POST", "/payments", Map.of("Idempotency-Key", key, "Content-Type", "application/json"),
				Http.json(body));
	}

	/** A keyed action on a payment, e.g. {@code /payments/pay_…/refunds}. */
	public Http.Response post(String path, String key) {
		return send("POST", path, Map.of("Idempotency-Key", key), null);
	}

	public Http.Response get(String path) {
		return send("GET", path, Map.of(), null);
	}

	/** A request with the API key and the given headers and body. */
	public Http.Response send(String method, String path, Map<String, String> headers, String body) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("X-Api-Key", this.apiKey);
		all.putAll(headers);
		return sendWithout(method, path, all, body);
	}

	/** A request with exactly the given headers (no API key unless among them). */
	public Http.Response sendWithout(String method, String path, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Http.Response(response.statusCode(), response.headers().map(), response.body());
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
