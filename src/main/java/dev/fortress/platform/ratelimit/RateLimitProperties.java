package dev.fortress.platform.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests per minute: {@code auth} per client IP on register, login and refresh
 * ({@code FORTRESS_RATE_LIMIT_AUTH}), {@code api} per user, or per IP when anonymous,
 * everywhere else ({@code FORTRESS_RATE_LIMIT_API}). {@code exemptPaths} (Ant-style
 * patterns) are not limited: the health probes, which orchestrators call on a schedule.
 */
@ConfigurationProperties("fortress.rate-limit")
public record RateLimitProperties(long auth, long api, List<String> exemptPaths) {

	public RateLimitProperties {
		auth = auth < 1 ? 10 : auth;
		api = api < 1 ? 600 : api;
		exemptPaths = exemptPaths == null ? List.of() : List.copyOf(exemptPaths);
	}

	RateLimitPolicy authPolicy() {
		return new RateLimitPolicy("auth", this.auth, Duration.ofMinutes(1));
	}

	RateLimitPolicy apiPolicy() {
		return new RateLimitPolicy("api", this.api, Duration.ofMinutes(1));
	}

}
