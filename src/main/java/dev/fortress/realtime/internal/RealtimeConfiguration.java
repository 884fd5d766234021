package dev.fortress.realtime.internal;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.fortress.identity.IdentityApi;
import dev.fortress.platform.ratelimit.RateLimiter;
import dev.fortress.platform.redis.RedisLink;
import dev.fortress.platform.web.PublicEndpoints;

/**
 * The pieces of the WebSocket transport that do not depend on Spring's messaging
 * infrastructure (so {@link WebSocketConfiguration} can use them while that
 * infrastructure is being built).
 */
@Configuration(proxyBeanMethods = false)
class RealtimeConfiguration {

	/** The handshake is anonymous HTTP; the token comes with STOMP CONNECT. */
	@Bean
	PublicEndpoints webSocketHandshake() {
		return PublicEndpoints.get("/ws");
	}

	/** Shared through Redis in scale-out mode, else this instance's own. */
	@Bean
	PresenceBoard presenceBoard(ObjectProvider<RedisLink> redis, Clock clock) {
		LocalPresence local = new LocalPresence(clock);
		RedisLink link = redis.getIfAvailable();
		return link == null ? local : new RedisPresence(link, local);
	}

	@Bean
	LiveSessions liveSessions(IdentityApi identity, Destinations destinations, PresenceBoard presence,
			RealtimeProperties properties, Clock clock, MeterRegistry meters) {
		LiveSessions sessions = new LiveSessions(identity, destinations, presence, properties, clock);
		Gauge.builder("fortress.realtime.sessions", sessions, LiveSessions::open)
			.description("Open WebSocket sessions on this instance")
			.register(meters);
		return sessions;
	}

	@Bean
	LiveScheduler liveScheduler(LiveSessions sessions, RealtimeProperties properties) {
		return new LiveScheduler(sessions, properties);
	}

	@Bean
	StompGate stompGate(IdentityApi identity, LiveSessions sessions, Destinations destinations, RateLimiter limiter,
			RealtimeProperties properties) {
		return new StompGate(identity, sessions, destinations, limiter, properties);
	}

	/**
	 * The servlet container's own limit on one WebSocket message, which would otherwise
	 * refuse anything over 8 KB before STOMP sees it: the same as the STOMP limit, so a
	 * frame up to {@code messageSizeLimit} is accepted whether or not the client splits
	 * it.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer(RealtimeProperties properties) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int limit = Math.toIntExact(properties.messageSizeLimit().toBytes());
		container.setMaxTextMessageBufferSize(limit);
		container.setMaxBinaryMessageBufferSize(limit);
		return container;
	}

	@Bean
	StompErrors stompErrors(JsonMapper json, MeterRegistry meters) {
		return new StompErrors(json, meters);
	}

}
