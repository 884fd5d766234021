package dev.fortress.realtime.internal;

import java.time.Clock;
import java.util.HashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

import dev.fortress.identity.IdentityApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class SessionCapTests {

	private final RealtimeProperties properties = new RealtimeProperties(2, 0, 0, null, null, null, null, null, null,
			null, null);

	private final LiveSessions sessions = new LiveSessions(mock(IdentityApi.class), mock(Destinations.class),
			mock(PresenceBoard.class), this.properties, Clock.systemUTC());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SessionCap cap = new SessionCap(this.sessions, this.properties, this.meters);

	private final WebSocketHandler stomp = mock(WebSocketHandler.class);

	private final WebSocketHandler handler = this.sessions.decorate(this.stomp);

	@Test
	void aHandshakeIsAdmittedBelowTheCapAndRefusedWith503AtIt() throws Exception {
		assertThat(handshake().getStatus()).isEqualTo(200);
		establish("a");
		establish("b");

		MockHttpServletResponse refused = handshake();

		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getContentAsString()).contains("\"status\":503").contains("service-unavailable");
		assertThat(this.meters.counter("fortress.realtime.refused", "type", "service-unavailable").count())
			.isEqualTo(1);
	}

	@Test
	void aSessionEstablishedPastTheCapIsClosedAtOnceAndFreesItsPlace() throws Exception {
		WebSocketSession first = establish("a");
		establish("b");

		WebSocketSession third = establish("c");

		verify(third).close(LiveSessions.FULL);
		verify(first, never()).close(LiveSessions.FULL);
		verify(this.stomp, never()).afterConnectionEstablished(third);
		assertThat(this.sessions.open()).isEqualTo(2);
		this.handler.afterConnectionClosed(third, LiveSessions.FULL);
		verify(this.stomp, never()).afterConnectionClosed(third, LiveSessions.FULL);
		this.handler.afterConnectionClosed(first, CloseStatus.NORMAL);
		verify(this.stomp).afterConnectionClosed(first, CloseStatus.NORMAL);
		assertThat(this.sessions.open()).isEqualTo(1);
	}

	private MockHttpServletResponse handshake() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		boolean admitted = this.cap.beforeHandshake(
				new ServletServerHttpRequest(new MockHttpServletRequest("GET", "/ws")),
				new ServletServerHttpResponse(response), this.handler, new HashMap<>());
		assertThat(admitted).isEqualTo(response.getStatus() == 200);
		return response;
	}

	private WebSocketSession establish(String id) throws Exception {
		WebSocketSession session = mock(WebSocketSession.class);
		when(session.getId()).thenReturn(id);
		this.handler.afterConnectionEstablished(session);
		return session;
	}

}
