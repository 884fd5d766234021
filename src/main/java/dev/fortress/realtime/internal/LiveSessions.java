package dev.fortress.realtime.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

import dev.fortress.identity.Authenticated;
import dev.fortress.identity.IdentityApi;
import dev.fortress.platform.web.ApiException;

/**
 * This instance's open WebSocket sessions and who holds them: caps the connections of one
 * user, remembers each session's token so every frame (and every sweep) can check it
 * again, closes the sessions whose token expired or whose account was disabled, and feeds
 * presence.
 */
public class LiveSessions implements WebSocketHandlerDecoratorFactory {

	private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

	/** Sent with the close of a session whose token stopped working (RFC 6455: 1008). */
	static final CloseStatus TOKEN_ENDED = CloseStatus.POLICY_VIOLATION
		.withReason("The access token expired or was revoked");

	/** Sent with the close of a session holding a subscription it may no longer have. */
	static final CloseStatus ACCESS_ENDED = CloseStatus.POLICY_VIOLATION
		.withReason("A subscription is no longer allowed");

	/** Sent with the close of a session past the instance's cap (RFC 6455: 1013). */
	static final CloseStatus FULL = CloseStatus.SERVICE_OVERLOAD
		.withReason("This instance holds its most WebSocket sessions; retry later");

	private final Map<String, Live> sessions = new ConcurrentHashMap<>();

	private final Map<UUID, Set<String>> byUser = new ConcurrentHashMap<>();

	private final IdentityApi identity;

	private final Destinations destinations;

	private final PresenceBoard presence;

	private final RealtimeProperties properties;

	private final Clock clock;

	LiveSessions(IdentityApi identity, Destinations destinations, PresenceBoard presence, RealtimeProperties properties,
			Clock clock) {
		this.identity = identity;
		this.destinations = destinations;
		this.presence = presence;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				LiveSessions.this.sessions.put(session.getId(), new Live(session));
				if (LiveSessions.this.sessions.size() > LiveSessions.this.properties.maxConnections()) {
					// handshakes in flight passed SessionCap together: this one is past
					// the cap, and STOMP never hears of it
					LiveSessions.this.sessions.remove(session.getId());
					close(session, FULL);
					return;
				}
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
				if (closed(session.getId())) {
					super.afterConnectionClosed(session, status);
				}
			}

		};
	}

	/**
	 * Binds a session that sent CONNECT to its user, unless the user already holds
	 * {@code maxConnectionsPerUser} sessions here.
	 */
	boolean admit(String sessionId, Authenticated caller, String token) {
		Live live = this.sessions.get(sessionId);
		if (live == null) {
			return false;
		}
		UUID userId = caller.user().id();
		boolean[] admitted = { false };
		this.byUser.compute(userId, (id, held) -> {
			Set<String> sessions = held == null ? new HashSet<>() : held;
			if (sessions.contains(sessionId) || sessions.size() < this.properties.maxConnectionsPerUser()) {
				sessions.add(sessionId);
				admitted[0] = true;
			}
			return sessions.isEmpty() ? null : sessions;
		});
		if (!admitted[0]) {
			return false;
		}
		live.bind(userId, token, this.clock.instant());
		if (!this.sessions.containsKey(sessionId)) {
			// closed while being admitted: its close found no user to release
			release(userId, sessionId);
			return false;
		}
		this.presence.mark(userId, true, this.properties.presenceGrace());
		return true;
	}

	/**
	 * Checks the session's token again, as every inbound frame must, and notes the
	 * activity.
	 * @return the caller, or empty when the session is not connected or its token no
	 * longer works
	 */
	Optional<Authenticated> recheck(String sessionId) {
		Live live = this.sessions.get(sessionId);
		String token = live == null ? null : live.token;
		if (token == null) {
			return Optional.empty();
		}
		live.lastActive = this.clock.instant();
		return this.identity.authenticate(token);
	}

	/** A subscription the gate allowed, to be authorised again by every sweep. */
	void subscribed(String sessionId, @Nullable String subscriptionId, String destination) {
		Live live = this.sessions.get(sessionId);
		if (live != null && subscriptionId != null) {
			live.subscriptions.put(subscriptionId, destination);
		}
	}

	void unsubscribed(String sessionId, @Nullable String subscriptionId) {
		Live live = this.sessions.get(sessionId);
		if (live != null && subscriptionId != null) {
			live.subscriptions.remove(subscriptionId);
		}
	}

	/**
	 * Closes every session whose token no longer works or that holds a subscription its
	 * user may no longer have, and marks the users of the others present again. Called
	 * every {@code sweepInterval}.
	 */
	void sweep() {
		Instant idleSince = this.clock.instant().minus(this.properties.presenceAway());
		for (Live live : List.copyOf(this.sessions.values())) {
			if (live.userId == null || live.token == null) {
				continue;
			}
			Optional<Authenticated> caller = this.identity.authenticate(live.token);
			if (caller.isEmpty()) {
				close(live.socket, TOKEN_ENDED);
				continue;
			}
			if (!stillAllowed(live, caller.get())) {
				close(live.socket, ACCESS_ENDED);
				continue;
			}
			this.presence.mark(live.userId, live.lastActive.isAfter(idleSince), this.properties.presenceGrace());
		}
	}

	private boolean stillAllowed(Live live, Authenticated caller) {
		for (String destination : List.copyOf(live.subscriptions.values())) {
			try {
				this.destinations.checkSubscribe(destination, caller.user());
			}
			catch (ApiException refused) {
				return false;
			}
		}
		return true;
	}

	/** How many WebSocket sessions are open on this instance. */
	int open() {
		return this.sessions.size();
	}

	/** Forgets a closed session; false if it was never let through (past the cap). */
	private boolean closed(String sessionId) {
		Live live = this.sessions.remove(sessionId);
		if (live == null) {
			return false;
		}
		if (live.userId == null) {
			return true;
		}
		release(live.userId, sessionId);
		// the grace period counts from now, not from the last sweep
		boolean active = live.lastActive.isAfter(this.clock.instant().minus(this.properties.presenceAway()));
		this.presence.mark(live.userId, active, this.properties.presenceGrace());
		return true;
	}

	private void release(UUID userId, String sessionId) {
		this.byUser.computeIfPresent(userId, (id, held) -> {
			held.remove(sessionId);
			return held.isEmpty() ? null : held;
		});
	}

	private static void close(WebSocketSession socket, CloseStatus status) {
		try {
			socket.close(status);
		}
		catch (IOException ex) {
			log.debug("Closing WebSocket session {} failed: {}", socket.getId(), ex.toString());
		}
	}

	/** One open session; the user and token are set once, by CONNECT. */
	private static final class Live {

		final WebSocketSession socket;

		volatile @Nullable UUID userId;

		volatile @Nullable String token;

		volatile Instant lastActive = Instant.EPOCH;

		/** Subscription id → destination. */
		final Map<String, String> subscriptions = new ConcurrentHashMap<>();

		Live(WebSocketSession socket) {
			this.socket = socket;
		}

		void bind(UUID userId, String token, Instant now) {
			this.userId = userId;
			this.token = token;
			this.lastActive = now;
		}

	}

}
