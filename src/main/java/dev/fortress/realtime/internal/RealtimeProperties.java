package dev.fortress.realtime.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.fortress.platform.ratelimit.RateLimitPolicy;

/**
 * Limits of the WebSocket transport ({@code fortress.realtime.*}, docs/realtime.md).
 *
 * @param maxConnections open WebSocket sessions an instance holds (the handshake is
 * refused with {@code 503} beyond): with the drop streams' cap, below Tomcat's
 * {@code max-connections}, so that sockets never take the connections requests need
 * @param maxConnectionsPerUser open STOMP sessions one user may hold on an instance
 * @param sendsPerSecond SEND frames per user and second, in the shared rate-limit buckets
 * @param messageSizeLimit the largest inbound STOMP message (frame assembled)
 * @param sendBufferSizeLimit what may queue for a slow client before it is dropped
 * @param sendTimeLimit how long one send to a client may take before it is dropped
 * @param timeToFirstMessage how long a socket may stay open without a CONNECT
 * @param heartbeat the server's STOMP heart-beat, both ways
 * @param presenceGrace how long a user stays present after their last connection closed
 * @param presenceAway idle time (no frame from any of their sessions) after which a
 * connected user is {@code away}
 * @param sweepInterval how often sessions are re-checked (token expiry, disabled
 * accounts) and presence refreshed
 */
@ConfigurationProperties("fortress.realtime")
public record RealtimeProperties(int maxConnections, int maxConnectionsPerUser, int sendsPerSecond,
		DataSize messageSizeLimit, DataSize sendBufferSizeLimit, Duration sendTimeLimit, Duration timeToFirstMessage,
		Duration heartbeat, Duration presenceGrace, Duration presenceAway, Duration sweepInterval) {

	public RealtimeProperties {
		maxConnections = maxConnections < 1 ? 1500 : maxConnections;
		maxConnectionsPerUser = maxConnectionsPerUser < 1 ? 5 : maxConnectionsPerUser;
		sendsPerSecond = sendsPerSecond < 1 ? 10 : sendsPerSecond;
		messageSizeLimit = messageSizeLimit == null ? DataSize.ofKilobytes(64) : messageSizeLimit;
		sendBufferSizeLimit = sendBufferSizeLimit == null ? DataSize.ofKilobytes(512) : sendBufferSizeLimit;
		sendTimeLimit = sendTimeLimit == null ? Duration.ofSeconds(10) : sendTimeLimit;
		timeToFirstMessage = timeToFirstMessage == null ? Duration.ofSeconds(10) : timeToFirstMessage;
		heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
		presenceGrace = presenceGrace == null ? Duration.ofSeconds(30) : presenceGrace;
		presenceAway = presenceAway == null ? Duration.ofMinutes(5) : presenceAway;
		sweepInterval = sweepInterval == null ? Duration.ofSeconds(10) : sweepInterval;
	}

	/** The bucket of SEND frames, per user. */
	RateLimitPolicy sendPolicy() {
		return new RateLimitPolicy("ws-send", this.sendsPerSecond, Duration.ofSeconds(1));
	}

}
