package dev.fortress.payments.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox provider's HTTP API under {@value #BASE}: authorise, capture, cancel,
 * refund, look-ups and the refunds feed. The checks run in this order, and nothing is
 * stored before they all passed: the API key ({@code X-Api-Key}, compared in constant
 * time), the path and method, then every input. Every write needs an
 * {@code Idempotency-Key}. It knows nothing of Fortress: the payments client talks to it
 * only over HTTP, exactly as it would to a real provider.
 */
final class SandboxApi {

	static final String BASE = "/sandbox-psp/v1";

	private static final Pattern ON_PAYMENT = Pattern.compile("/payments/([^/]*)(?:/(capture|cancel|refunds))?");

	private final SandboxApiKey apiKey;

	private final SandboxPayments payments;

	private final SandboxIdempotencyKeys keys;

	private final SandboxRequestLog requestLog;

	private final JsonMapper json;

	private final Duration slowDelay;

	private final Clock clock;

	SandboxApi(SandboxApiKey apiKey, SandboxPayments payments, SandboxIdempotencyKeys keys,
			SandboxRequestLog requestLog, JsonMapper json, Duration slowDelay, Clock clock) {
		this.apiKey = apiKey;
		this.payments = payments;
		this.keys = keys;
		this.requestLog = requestLog;
		this.json = json;
		this.slowDelay = slowDelay;
		this.clock = clock;
	}

	SandboxResponse handle(SandboxRequest request) {
		Instant received = this.clock.instant();
		try {
			if (!this.apiKey.matches(request.soleHeader("X-Api-Key"))) {
				return SandboxResponse.error(401, "invalid_api_key", "Invalid API key");
			}
			Call call = route(request);
			SandboxResponse response = call.work().get();
			this.requestLog.record(call.idempotencyKey(), request.method(), request.path(), response.status(),
					received);
			return response;
		}
		catch (SandboxRefusal refusal) {
			return refusal.response();
		}
	}

	/** Finds the operation and reads all its input; refuses before anything is stored. */
	private Call route(SandboxRequest request) {
		String path = request.path();
		if (!path.startsWith(BASE + "/")) {
			throw notFound();
		}
		String resource = path.substring(BASE.length());
		if (resource.equals("/payments")) {
			return switch (request.method()) {
				case "POST" -> authorize(request);
				case "GET" -> {
					String reference = SandboxInput.reference(request.query(Set.of("reference")).get("reference"));
					yield read(() -> this.payments.findByReference(reference));
				}
				default -> throw SandboxRefusal.methodNotAllowed("GET, POST");
			};
		}
		if (resource.equals("/refunds")) {
			only("GET", request);
			Map<String, String> query = request.query(Set.of("after", "limit"));
			long after = SandboxInput.after(query.get("after"));
			int limit = SandboxInput.limit(query.get("limit"));
			return read(() -> this.payments.refundsAfter(after, limit));
		}
		Matcher onPayment = ON_PAYMENT.matcher(resource);
		if (!onPayment.matches()) {
			throw notFound();
		}
		String action = onPayment.group(2);
		only(action == null ? "GET" : "POST", request);
		request.query(Set.of());
		String id = SandboxInput.paymentId(onPayment.group(1));
		if (action == null) {
			return read(() -> this.payments.get(id));
		}
		String key = SandboxInput.idempotencyKey(request.header("Idempotency-Key"));
		Supplier<SandboxResponse> work = switch (action) {
			case "capture" -> () -> this.payments.capture(id);
			case "cancel" -> () -> this.payments.cancel(id);
			default -> () -> this.payments.refund(id);
		};
		// The key is bound to the action and the payment id.
		return new Call(key, () -> this.keys.execute(key, "POST /payments/" + id + "/" + action, Duration.ZERO, work));
	}

	private Call authorize(SandboxRequest request) {
		String key = SandboxInput.idempotencyKey(request.header("Idempotency-Key"));
		request.query(Set.of());
		AuthorizeRequest authorization = AuthorizeRequest.read(request, this.json);
		Duration delay = "tok_slow".equals(authorization.token()) ? this.slowDelay : Duration.ZERO;
		return new Call(key, () -> this.keys.execute(key, authorization.fingerprint(), delay,
				() -> this.payments.authorize(authorization)));
	}

	private static Call read(Supplier<SandboxResponse> work) {
		return new Call(null, work);
	}

	private static void only(String method, SandboxRequest request) {
		if (!request.method().equals(method)) {
			throw SandboxRefusal.methodNotAllowed(method);
		}
	}

	private static SandboxRefusal notFound() {
		return SandboxRefusal.of(404, "not_found", "No such resource");
	}

	/** One operation, its input read and checked, ready to run. */
	private record Call(@Nullable String idempotencyKey, Supplier<SandboxResponse> work) {
	}

}
