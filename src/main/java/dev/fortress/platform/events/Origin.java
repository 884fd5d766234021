package dev.fortress.platform.events;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Where an event comes from: the X-Request-Id and the W3C trace context of the request
 * (or job) that caused it. Captured on the request's thread, so that work done later on
 * another thread (a batch writer, a listener, a Kafka consumer) logs and traces under the
 * same ids.
 *
 * @param requestId the request id, as in the response's {@code X-Request-Id}
 * @param traceparent the W3C {@code traceparent} of the span that caused the event
 */
public record Origin(@Nullable String requestId, @Nullable String traceparent) {

	/** No request: a scheduled job or start-up. */
	public static final Origin NONE = new Origin(null, null);

	/**
	 * The origin of the work this thread is doing, read from its logging context (the
	 * request id filter puts {@code requestId} there, tracing puts {@code traceId} and
	 * {@code spanId}).
	 */
	public static Origin current() {
		String requestId = MDC.get("requestId");
		String traceId = MDC.get("traceId");
		String spanId = MDC.get("spanId");
		String traceparent = (traceId != null && spanId != null) ? "00-" + traceId + "-" + spanId + "-01" : null;
		return (requestId == null && traceparent == null) ? NONE : new Origin(requestId, traceparent);
	}

	/** The trace id of {@link #traceparent()}, or null. */
	public @Nullable String traceId() {
		if (this.traceparent == null) {
			return null;
		}
		String[] parts = this.traceparent.split("-");
		return parts.length == 4 ? parts[1] : null;
	}

}
