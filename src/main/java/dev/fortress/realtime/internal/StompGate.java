package dev.fortress.realtime.internal;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.fortress.identity.Authenticated;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.platform.ratelimit.RateLimitPolicy;
import dev.fortress.platform.ratelimit.RateLimiter;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * The gate every inbound STOMP frame passes before the broker or a handler sees it, on
 * the thread that read it. CONNECT must carry a good access token and the user may not
 * hold too many sessions; every later frame checks the token and the account again (an
 * expired token or a disabled account is refused from that frame on); SUBSCRIBE and SEND
 * must name a destination the user may use ({@link Destinations}), and an allowed
 * subscription is remembered so that every sweep authorises it again; SEND spends the
 * user's shared rate-limit bucket. A refusal is an {@link ApiException}: the client gets
 * an ERROR frame ({@link StompErrors}) and the server closes that session, and no other.
 */
class StompGate implements ChannelInterceptor {

	/**
	 * The session attribute holding the caller as the latest frame's check found them.
	 */
	static final String USER = "fortress.user";

	private static final String BEARER = "Bearer ";

	private final IdentityApi identity;

	private final LiveSessions sessions;

	private final Destinations destinations;

	private final RateLimiter limiter;

	private final RateLimitPolicy sends;

	StompGate(IdentityApi identity, LiveSessions sessions, Destinations destinations, RateLimiter limiter,
			RealtimeProperties properties) {
		this.identity = identity;
		this.sessions = sessions;
		this.destinations = destinations;
		this.limiter = limiter;
		this.sends = properties.sendPolicy();
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		StompCommand command = accessor == null ? null : accessor.getCommand();
		if (command == null || command == StompCommand.DISCONNECT) {
			// heart-beats, and a goodbye, which needs no rights
			return message;
		}
		switch (command) {
			case CONNECT, STOMP -> connect(accessor);
			case SUBSCRIBE -> {
				String destination = accessor.getDestination();
				this.destinations.checkSubscribe(destination, current(accessor));
				this.sessions.subscribed(sessionId(accessor), accessor.getSubscriptionId(),
						String.valueOf(destination));
			}
			case UNSUBSCRIBE -> {
				current(accessor);
				this.sessions.unsubscribed(sessionId(accessor), accessor.getSubscriptionId());
			}
			case SEND -> {
				CurrentUser user = current(accessor);
				spend(user);
				this.destinations.checkSend(accessor.getDestination(), user);
			}
			default -> current(accessor);
		}
		return message;
	}

	private void connect(StompHeaderAccessor accessor) {
		String token = bearer(accessor.getFirstNativeHeader("Authorization"));
		if (token == null) {
			token = bearer(accessor.getFirstNativeHeader("authorization"));
		}
		if (token == null) {
			throw new ApiException(ProblemType.UNAUTHORIZED, "CONNECT needs an Authorization: Bearer header");
		}
		Authenticated caller = this.identity.authenticate(token)
			.orElseThrow(() -> new ApiException(ProblemType.UNAUTHORIZED, "The access token is not valid"));
		if (!this.sessions.admit(sessionId(accessor), caller, token)) {
			throw new ApiException(ProblemType.RATE_LIMITED, "Too many open connections for this user");
		}
		accessor.setUser(new UserPrincipal(caller.user().id()));
		attributes(accessor).put(USER, caller.user());
	}

	private CurrentUser current(StompHeaderAccessor accessor) {
		CurrentUser user = this.sessions.recheck(sessionId(accessor))
			.map(Authenticated::user)
			.orElseThrow(() -> new ApiException(ProblemType.UNAUTHORIZED,
					"Not connected, or the access token expired or was revoked"));
		attributes(accessor).put(USER, user);
		return user;
	}

	private void spend(CurrentUser user) {
		RateLimiter.Decision decision = this.limiter.tryConsume("ws:" + user.id(), this.sends);
		if (!decision.allowed()) {
			throw new ApiException(ProblemType.RATE_LIMITED, "Too many messages; slow down", List.of(),
					decision.retryAfter().isNegative() ? Duration.ZERO : decision.retryAfter());
		}
	}

	private static String sessionId(StompHeaderAccessor accessor) {
		return String.valueOf(accessor.getSessionId());
	}

	private static Map<String, Object> attributes(StompHeaderAccessor accessor) {
		Map<String, Object> attributes = accessor.getSessionAttributes();
		if (attributes == null) {
			throw new ApiException(ProblemType.MALFORMED_REQUEST, "No session");
		}
		return attributes;
	}

	private static @Nullable String bearer(@Nullable String header) {
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = header.substring(BEARER.length()).trim();
		return token.isEmpty() ? null : token;
	}

	/** The STOMP session's user: its name is the user id, as user destinations need. */
	record UserPrincipal(UUID id) implements Principal {

		@Override
		public String getName() {
			return this.id.toString();
		}

	}

}
