package dev.fortress.bench.psp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payment provider out of process, for measuring what a checkout costs Fortress itself:
 * it speaks the sandbox provider's API (authorise, capture, cancel, refund, look-up by
 * reference; idempotency keys replayed) with the same test tokens, keeps its ledger in
 * memory, and runs in its own JVM so its CPU is not the application's. Run as
 * {@code java -cp harness.jar dev.fortress.bench.psp.PspStub PORT}; the base URL is
 * {@code http://127.0.0.1:PORT/v1}.
 */
public final class PspStub {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Map<String, Object>> payments = new ConcurrentHashMap<>();

	private final Map<String, Reply> replies = new ConcurrentHashMap<>();

	private record Reply(int status, String body) {
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
		server.setExecutor(Executors.newFixedThreadPool(16));
		PspStub stub = new PspStub();
		server.createContext("/v1/", stub::handle);
		server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Reply reply;
		try {
			reply = route(exchange);
		}
		catch (RuntimeException ex) {
			reply = error(500, "internal_error", "stub failure");
		}
		byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private Reply route(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath().substring("/v1".length());
		String[] parts = path.split("/");
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		if (method.equals("GET") && path.equals("/health")) {
			return new Reply(200, "{\"status\":\"UP\"}");
		}
		if (method.equals("GET") && path.equals("/payments")) {
			String reference = query(exchange.getRequestURI().getRawQuery(), "reference");
			List<Map<String, Object>> found = new ArrayList<>();
			this.payments.values().stream().filter(p -> p.get("reference").equals(reference)).forEach(found::add);
			return ok(200, Map.of("data", found));
		}
		if (method.equals("GET") && parts.length == 3) {
			Map<String, Object> payment = this.payments.get(parts[2]);
			return payment == null ? error(404, "no_such_payment", "No such payment") : ok(200, payment);
		}
		if (!method.equals("POST") || key == null) {
			return error(400, "bad_request", "unsupported call");
		}
		byte[] requestBody;
		try (InputStream in = exchange.getRequestBody()) {
			requestBody = in.readAllBytes();
		}
		return this.replies.computeIfAbsent(key + "|" + path, k -> {
			if (path.equals("/payments")) {
				return authorize(JSON.readTree(requestBody));
			}
			if (parts.length == 4) {
				return onPayment(parts[2], parts[3]);
			}
			return error(404, "not_found", "no such operation");
		});
	}

	private Reply authorize(JsonNode request) {
		String token = request.path("token").asString();
		String status = switch (token) {
			case "tok_visa", "tok_slow" -> "AUTHORIZED";
			case "tok_declined" -> "DECLINED";
			case "tok_error" -> null;
			default -> "INVALID";
		};
		if (status == null) {
			return error(500, "internal_error", "The card network failed");
		}
		if (status.equals("INVALID")) {
			return error(400, "invalid_token", "No such card token");
		}
		Map<String, Object> payment = new LinkedHashMap<>();
		payment.put("id", "pay_" + UUID.randomUUID().toString().replace("-", ""));
		payment.put("reference", request.path("reference").asString());
		payment.put("amount", request.path("amount").asLong());
		payment.put("currency", request.path("currency").asString());
		payment.put("status", status);
		payment.put("declineCode", status.equals("DECLINED") ? "card_declined" : null);
		this.payments.put((String) payment.get("id"), payment);
		return ok(status.equals("DECLINED") ? 402 : 201, payment);
	}

	private Reply onPayment(String id, String action) {
		Map<String, Object> payment = this.payments.get(id);
		if (payment == null) {
			return error(404, "no_such_payment", "No such payment");
		}
		synchronized (payment) {
			String from = switch (action) {
				case "capture", "cancel" -> "AUTHORIZED";
				case "refunds" -> "CAPTURED";
				default -> null;
			};
			String to = switch (action) {
				case "capture" -> "CAPTURED";
				case "cancel" -> "CANCELED";
				case "refunds" -> "REFUNDED";
				default -> null;
			};
			if (from == null) {
				return error(404, "not_found", "no such operation");
			}
			if (!payment.get("status").equals(from) && !payment.get("status").equals(to)) {
				return error(409, "invalid_state", "The payment is " + payment.get("status"));
			}
			payment.put("status", to);
			if (action.equals("refunds")) {
				return ok(201, Map.of("id", "re_" + UUID.randomUUID().toString().replace("-", ""), "paymentId", id,
						"amount", payment.get("amount"), "currency", payment.get("currency"), "status", "SUCCEEDED"));
			}
			return ok(200, payment);
		}
	}

	private static String query(String raw, String name) {
		if (raw == null) {
			return "";
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(name)) {
				return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return "";
	}

	private static Reply ok(int status, Object body) {
		return new Reply(status, JSON.writeValueAsString(body));
	}

	private static Reply error(int status, String code, String message) {
		return ok(status, Map.of("error", Map.of("code", code, "message", message)));
	}

}
