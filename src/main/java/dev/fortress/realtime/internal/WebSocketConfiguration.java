package dev.fortress.realtime.internal;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import dev.fortress.platform.web.WebProperties;

/**
 * STOMP over WebSocket at {@code /ws} (docs/realtime.md): Spring's in-process broker for
 * {@code /topic} and {@code /queue} on each instance (instances share updates through
 * {@link ClusterLiveFeed}, ADR 0070), {@code /app} for what clients send, the
 * {@link StompGate} in front of everything inbound, and the transport's limits.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

	private final StompGate gate;

	private final StompErrors errors;

	private final LiveSessions sessions;

	private final LiveScheduler scheduler;

	private final RealtimeProperties properties;

	private final WebProperties web;

	private final SessionCap cap;

	WebSocketConfiguration(StompGate gate, StompErrors errors, LiveSessions sessions, LiveScheduler scheduler,
			RealtimeProperties properties, WebProperties web, MeterRegistry meters) {
		this.cap = new SessionCap(sessions, properties, meters);
		this.gate = gate;
		this.errors = errors;
		this.sessions = sessions;
		this.scheduler = scheduler;
		this.properties = properties;
		this.web = web;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		// Browsers send Origin: only the configured origins (and same-origin pages) may
		// open a socket; clients that are not browsers send none.
		registry.addEndpoint("/ws")
			.addInterceptors(this.cap)
			.setAllowedOrigins(this.web.corsOrigins().toArray(String[]::new));
		registry.setErrorHandler(this.errors);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		long heartbeat = this.properties.heartbeat().toMillis();
		registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(new long[] { heartbeat, heartbeat })
			.setTaskScheduler(this.scheduler.scheduler());
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		registry.setPreservePublishOrder(true);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(Math.toIntExact(this.properties.messageSizeLimit().toBytes()))
			.setSendBufferSizeLimit(Math.toIntExact(this.properties.sendBufferSizeLimit().toBytes()))
			.setSendTimeLimit(Math.toIntExact(this.properties.sendTimeLimit().toMillis()))
			.setTimeToFirstMessage(Math.toIntExact(this.properties.timeToFirstMessage().toMillis()))
			.addDecoratorFactory(this.sessions);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.gate);
	}

}
