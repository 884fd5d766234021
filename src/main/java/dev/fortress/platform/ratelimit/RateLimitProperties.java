package dev.fortress.platform.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests per minute: {@code auth} per client IP on register, login and refresh
 * ({@code FORTRESS_RATE_LIMIT_AUTH}), {@code api} per user, or per IP when anonymous,
 * everywhere else ({@code FORTRESS_RATE_LIMIT_API}). {@code exemptPaths} (Ant-style
 * patterns) are not limited: the health probes, which orchestrators call on a schedule.
 * {@code authDuringOutage} ({@code FORTRESS_RATE_LIMIT_AUTH_DURING_OUTAGE}, default half
 * of {@code auth}) is the credential bucket each instance keeps on its own while the
 * shared buckets in Redis cannot be reached (docs/adr/0051); the general API keeps
 * {@code api} per instance then.
 */
@ConfigurationProperties("fortress.rate-limit")
public record RateLimitProperties(long auth, long api, List<String> exemptPaths, long authDuringOutage) {

	public RateLimitProperties {
		auth = auth < 1 ? 10 : auth;
		api = api < 1 ? 600 : api;
		exemptPaths = exemptPaths == null ? List.of() : List.copyOf(exemptPaths);
		authDuringOutage = authDuringOutage < 1 ? Math.max(1, auth / 2) : Math.min(authDuringOutage, auth);
	}

	RateLimitPolicy authPolicy() {
		return new RateLimitPolicy("auth", this.auth, Duration.ofMinutes(1), this.authDuringOutage);
	}

	RateLimitPolicy apiPolicy() {
		return new RateLimitPolicy("api", this.api, Duration.ofMinutes(1));
	}

}
