package dev.fortress.realtime.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the drop counter streams, bound from
 * {@code fortress.realtime.drop-streams.*}.
 *
 * @param max open streams per instance; beyond it, {@code 503}
 * @param perClient open streams per client address; beyond it, {@code 429}
 * @param heartbeat how often a quiet stream gets a comment line, so proxies keep it open
 * @param maxAge how long a stream stays open before the server ends it (the client
 * reconnects, as {@code EventSource} does by itself)
 */
@ConfigurationProperties("fortress.realtime.drop-streams")
record DropStreamProperties(int max, int perClient, Duration heartbeat, Duration maxAge) {

	DropStreamProperties {
		max = max < 1 ? 6_000 : max;
		perClient = perClient < 1 ? 20 : perClient;
		heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
		maxAge = maxAge == null ? Duration.ofMinutes(30) : maxAge;
	}

}
