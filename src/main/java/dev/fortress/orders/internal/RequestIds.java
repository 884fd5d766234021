package dev.fortress.orders.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The X-Request-Id of the request this thread serves (put into the logging context by the
 * platform's request id filter), so events can name the request that caused them.
 */
final class RequestIds {

	private RequestIds() {
	}

	static @Nullable String current() {
		return MDC.get("requestId");
	}

}
