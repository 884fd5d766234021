package dev.fortress.payments.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * One request as the sandbox reads it: method, path exactly as sent (no decoding, so one
 * resource has one spelling), query, headers, and a body read only on demand and only up
 * to {@value #MAX_BODY_BYTES} bytes.
 */
final class SandboxRequest {

	static final int MAX_BODY_BYTES = 8 * 1024;

	private final String method;

	private final String path;

	private final @Nullable String rawQuery;

	private final Headers headers;

	private final InputStream body;

	SandboxRequest(String method, String path, @Nullable String rawQuery, Headers headers, InputStream body) {
		this.method = method;
		this.path = path;
		this.rawQuery = rawQuery;
		this.headers = headers;
		this.body = body;
	}

	static SandboxRequest of(HttpExchange exchange) {
		return new SandboxRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), exchange.getRequestBody());
	}

	String method() {
		return this.method;
	}

	String path() {
		return this.path;
	}

	/** The header's value; refused when it is sent more than once. */
	@Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw SandboxRefusal.invalid("Send each header once");
		}
		return values.get(0);
	}

	/**
	 * The header's value if it was sent exactly once, else null: for the credential,
	 * where a repeated header is simply not a valid key.
	 */
	@Nullable String soleHeader(String name) {
		List<String> values = this.headers.get(name);
		return values == null || values.size() != 1 ? null : values.get(0);
	}

	/**
	 * The query parameters; any name outside {@code allowed}, or sent twice, is refused.
	 */
	Map<String, String> query(Set<String> allowed) {
		Map<String, String> parameters = new HashMap<>();
		if (this.rawQuery == null || this.rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : this.rawQuery.split("&", -1)) {
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
			if (!allowed.contains(name)) {
				throw SandboxRefusal.invalid("Unknown query parameter");
			}
			if (parameters.put(name, value) != null) {
				throw SandboxRefusal.invalid("Send each query parameter once");
			}
		}
		return parameters;
	}

	/** The body, at most {@value #MAX_BODY_BYTES} bytes; a larger one is refused. */
	byte[] body() {
		try {
			byte[] bytes = this.body.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw tooLarge();
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** True when the body is declared as JSON (UTF-8, the only charset JSON has). */
	boolean isJson() {
		String type = header("Content-Type");
		if (type == null) {
			return false;
		}
		String normalised = type.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
		return normalised.equals("application/json") || normalised.equals("application/json;charset=utf-8");
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw SandboxRefusal.invalid("Malformed query string");
		}
	}

	private static SandboxRefusal tooLarge() {
		return SandboxRefusal.of(413, "request_too_large", "The body is larger than 8 KB");
	}

}
