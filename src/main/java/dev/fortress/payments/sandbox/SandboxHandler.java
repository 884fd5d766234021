package dev.fortress.payments.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the JDK server's exchanges into {@link SandboxApi} calls and writes the answers.
 * A refused request is answered and not logged (it is the caller's mistake, and a flood
 * of them must not flood the log); a failure of the sandbox itself is answered
 * {@code 500} and logged as one line.
 */
final class SandboxHandler implements HttpHandler {

	private static final Logger log = LoggerFactory.getLogger(SandboxHandler.class);

	private final SandboxApi api;

	SandboxHandler(SandboxApi api) {
		this.api = api;
	}

	@Override
	public void handle(HttpExchange exchange) {
		try (exchange) {
			write(exchange, answer(SandboxRequest.of(exchange)));
		}
		catch (IOException ex) {
			// The caller went away (it timed out, say): there is nobody left to answer.
			log.debug("Sandbox payment provider could not answer {}: {}", exchange.getRequestURI().getRawPath(),
					ex.toString());
		}
	}

	private SandboxResponse answer(SandboxRequest request) {
		try {
			return this.api.handle(request);
		}
		catch (RuntimeException ex) {
			log.error("Sandbox payment provider failed on {} {}: {}", request.method(), shortened(request.path()),
					ex.toString());
			return SandboxResponse.error(500, "internal_error",
					"The sandbox failed; retrying with the same key is safe");
		}
	}

	private static String shortened(String path) {
		return path.length() <= 200 ? path : path.substring(0, 200) + "…";
	}

	private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
		byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		response.headers().forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
