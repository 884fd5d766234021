package dev.fortress.platform.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gate 1: every request gets an id. A caller's {@code X-Request-Id} is kept when it is
 * sane (short, printable, no separators that could forge log lines); otherwise one is
 * generated. The id is echoed, put in the log context and in every problem body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = sanitize(request.getHeader(HEADER));
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put("requestId", id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("requestId");
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	/**
	 * A random id in UUID form. A request id correlates log lines; it is no secret and
	 * grants nothing, so it needs no cryptographic randomness, and drawing it from the
	 * shared {@code SecureRandom} of {@link UUID#randomUUID()} would make every request
	 * of every thread take the same lock.
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

	/**
	 * The caller's id when it is sane, a fresh one otherwise (also for gRPC's
	 * {@code x-request-id} metadata).
	 */
	public static String sanitize(@Nullable String candidate) {
		return candidate != null && SANE.matcher(candidate).matches() ? candidate : newId();
	}

	/** The id of the current request, or a fresh one if the filter did not run. */
	public static String currentRequestId(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return id != null ? id.toString() : sanitize(null);
	}

}
