package dev.fortress.payments.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP client of the payment provider. Every call carries an idempotency key (or is a
 * read), so every call may be retried: connection failures, {@code 5xx}, {@code 429} and
 * "key still in use" are retried up to {@code maxAttempts} with exponential backoff and
 * jitter, within a time budget. A read timeout is not retried: the provider may still be
 * working on the request, a retry would only find the key in use, and the checkout thread
 * has waited long enough; reconciliation settles it later with the same key. Each attempt
 * passes the circuit breaker; while it is open, calls fail at once without touching the
 * network. Failed attempts and timeouts go to the log through {@link ProviderLog}: at
 * most one line per kind every ten seconds, never one per buyer.
 */
class PspClient {

	/** At most one line per kind of trouble in this period. */
	private static final Duration LOG_QUIET_PERIOD = Duration.ofSeconds(10);

	private final HttpClient http;

	private final PspEndpoint endpoint;

	private final PaymentsProperties properties;

	private final CircuitBreaker breaker;

	private final CircuitOpenClock openClock;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Backoff backoff;

	private final ProviderLog log = new ProviderLog(LOG_QUIET_PERIOD);

	PspClient(PspEndpoint endpoint, PaymentsProperties properties, CircuitBreaker breaker, CircuitOpenClock openClock,
			JsonMapper json, MeterRegistry meters) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.endpoint = endpoint;
		this.properties = properties;
		this.breaker = breaker;
		this.openClock = openClock;
		this.json = json;
		this.meters = meters;
		this.backoff = new Backoff(properties.backoffInitial(), properties.backoffMax());
	}

	/** While the circuit is open: how long until it half-opens. */
	Optional<Duration> refusingFor() {
		CircuitBreaker.State state = this.breaker.getState();
		if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
			return Optional.of(this.openClock.remainingOpen());
		}
		return Optional.empty();
	}

	PspReply authorize(String idempotencyKey, long amount, String currency, String token, String reference) {
		Map<String, Object> body = Map.of("amount", amount, "currency", currency, "token", token, "reference",
				reference);
		return call("authorize", "POST", "/payments", idempotencyKey, this.json.writeValueAsString(body));
	}

	PspReply capture(String idempotencyKey, String paymentId) {
		return call("capture", "POST", "/payments/" + encode(paymentId) + "/capture", idempotencyKey, null);
	}

	PspReply cancel(String idempotencyKey, String paymentId) {
		return call("cancel", "POST", "/payments/" + encode(paymentId) + "/cancel", idempotencyKey, null);
	}

	PspReply refund(String idempotencyKey, String paymentId) {
		return call("refund", "POST", "/payments/" + encode(paymentId) + "/refunds", idempotencyKey, null);
	}

	/** A read: safe, so retried like the keyed writes. */
	PspReply findByReference(String reference) {
		return call("find", "GET", "/payments?reference=" + encode(reference), null, null);
	}

	/**
	 * The provider's refunds after feed position {@code after}, oldest first: a read, so
	 * retried like the keyed writes.
	 */
	PspReply refundsAfter(long after, int limit) {
		return call("refunds_feed", "GET", "/refunds?after=" + after + "&limit=" + limit, null, null);
	}

	private PspReply call(String operation, String method, String path, @Nullable String idempotencyKey,
			@Nullable String body) {
		HttpRequest request = request(this.endpoint.resolve(path), method, idempotencyKey, body);
		String lastFailure = "no attempt";
		long started = System.nanoTime();
		for (int attempt = 1; attempt <= this.properties.maxAttempts(); attempt++) {
			if (attempt > 1) {
				Duration delay = this.backoff.delay(attempt - 1);
				if (Duration.ofNanos(System.nanoTime() - started)
					.plus(delay)
					.compareTo(this.properties.retryBudget()) > 0) {
					break;
				}
				Backoff.sleep(delay);
			}
			if (!this.breaker.tryAcquirePermission()) {
				record(operation, "circuit_open", 0);
				return new PspReply.Unreachable(this.openClock.remainingOpen(), "circuit open");
			}
			Attempt result = attempt(operation, request);
			if (result.reply() != null) {
				return result.reply();
			}
			lastFailure = result.failure();
			this.log.trouble("failed-attempt", operation + " attempt " + attempt + "/" + this.properties.maxAttempts()
					+ " failed: " + lastFailure);
		}
		if (lastFailure.startsWith("idempotency_key_in_use")) {
			return new PspReply.NoAnswer(lastFailure);
		}
		return new PspReply.Unreachable(this.properties.retryAfter(), lastFailure);
	}

	/** One attempt: a final reply, or a retryable failure. */
	private Attempt attempt(String operation, HttpRequest request) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			long elapsed = System.nanoTime() - start;
			int status = response.statusCode();
			JsonNode body = parse(response.body());
			if (status >= 500 || status == 429) {
				this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, new ProviderFailure("HTTP " + status));
				record(operation, "http_" + status, elapsed);
				return Attempt.retry("HTTP " + status);
			}
			this.breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
			PspReply.Answered answered = new PspReply.Answered(status, body);
			if (status == 409 && "idempotency_key_in_use".equals(answered.errorCode())) {
				record(operation, "key_in_use", elapsed);
				return Attempt.retry("idempotency_key_in_use");
			}
			record(operation, "http_" + status, elapsed);
			return Attempt.done(answered);
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			// Never sent: retrying cannot duplicate anything.
			return failed(operation, start, ex, "connect_failed");
		}
		catch (HttpTimeoutException ex) {
			failed(operation, start, ex, "timeout");
			this.log.trouble("timeout", operation + " got no answer within " + this.properties.readTimeout()
					+ "; its outcome is unknown until reconciled");
			return Attempt.done(new PspReply.NoAnswer("read timeout after " + this.properties.readTimeout()));
		}
		catch (IOException ex) {
			return failed(operation, start, ex, "io_error");
		}
		catch (RuntimeException ex) {
			// Not expected from the JDK client, but a charge must never throw for it.
			return failed(operation, start, ex, "client_error");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.breaker.releasePermission();
			return Attempt.done(new PspReply.NoAnswer("interrupted"));
		}
	}

	private Attempt failed(String operation, long start, Exception ex, String outcome) {
		long elapsed = System.nanoTime() - start;
		this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, ex);
		record(operation, outcome, elapsed);
		return Attempt.retry(outcome + ": " + ex.getClass().getSimpleName());
	}

	private HttpRequest request(URI uri, String method, @Nullable String idempotencyKey, @Nullable String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.properties.readTimeout())
			.header("Accept", "application/json")
			.header("X-Api-Key", this.endpoint.apiKey());
		if (idempotencyKey != null) {
			builder.header("Idempotency-Key", idempotencyKey);
		}
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		return builder
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
	}

	private JsonNode parse(String body) {
		try {
			return body == null || body.isBlank() ? this.json.createObjectNode() : this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return this.json.createObjectNode();
		}
	}

	private void record(String operation, String outcome, long nanos) {
		Timer.builder("fortress.payments.psp.requests")
			.description("Calls to the payment provider, by operation and outcome")
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(this.meters)
			.record(Duration.ofNanos(nanos));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private record Attempt(@Nullable PspReply reply, String failure) {

		static Attempt done(PspReply reply) {
			return new Attempt(reply, "");
		}

		static Attempt retry(String failure) {
			return new Attempt(null, failure);
		}

	}

	/** Recorded by the circuit breaker for a 5xx or 429 answer. */
	static final class ProviderFailure extends RuntimeException {

		ProviderFailure(String message) {
			super(message, null, false, false);
		}

	}

}
