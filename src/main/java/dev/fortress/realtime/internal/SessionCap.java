package dev.fortress.realtime.internal;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import dev.fortress.platform.web.ProblemType;
import dev.fortress.platform.web.Problems;

/**
 * Refuses the WebSocket handshake with {@code 503} and {@code Retry-After} when this
 * instance already holds {@code maxConnections} sessions, before a socket, a session and
 * its buffers exist: a balancer (or the client) retries elsewhere, and the connections an
 * instance keeps for requests are not all taken by idle sockets. Handshakes in flight can
 * pass the check together; {@link LiveSessions} closes any session past the cap.
 */
class SessionCap implements HandshakeInterceptor {

	private final LiveSessions sessions;

	private final int max;

	private final Counter refused;

	SessionCap(LiveSessions sessions, RealtimeProperties properties, MeterRegistry meters) {
		this.sessions = sessions;
		this.max = properties.maxConnections();
		this.refused = meters.counter("fortress.realtime.refused", "type", ProblemType.SERVICE_UNAVAILABLE.slug());
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) throws Exception {
		if (this.sessions.open() < this.max) {
			return true;
		}
		this.refused.increment();
		if (request instanceof ServletServerHttpRequest servletRequest
				&& response instanceof ServletServerHttpResponse servletResponse) {
			HttpServletRequest http = servletRequest.getServletRequest();
			HttpServletResponse out = servletResponse.getServletResponse();
			out.setHeader(HttpHeaders.RETRY_AFTER, "5");
			Problems.writeSimple(out, ProblemType.SERVICE_UNAVAILABLE,
					"This instance holds its most WebSocket sessions; retry later", http);
		}
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

}
