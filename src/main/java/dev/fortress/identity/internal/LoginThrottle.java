package dev.fortress.identity.internal;

import org.springframework.stereotype.Component;

import dev.fortress.platform.ratelimit.RateLimitPolicy;
import dev.fortress.platform.ratelimit.RateLimiter;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * Per-account brake on password guessing, on top of the per-IP limit on the credential
 * endpoints: after {@code loginFailuresPerAccount} failures the account refuses logins,
 * right or wrong, until its bucket refills. The refusal looks the same for unknown
 * e-mails.
 */
@Component
class LoginThrottle {

	private final RateLimiter limiter;

	private final RateLimitPolicy policy;

	LoginThrottle(RateLimiter limiter, IdentityProperties properties) {
		this.limiter = limiter;
		this.policy = new RateLimitPolicy("login-failures", properties.loginFailuresPerAccount(),
				properties.loginFailureWindow());
	}

	void checkAllowed(String email) {
		if (this.limiter.isExhausted(email, this.policy)) {
			throw new ApiException(ProblemType.RATE_LIMITED, "Too many failed logins for this account; retry later",
					java.util.List.of(), this.policy.window().dividedBy(this.policy.capacity()));
		}
	}

	void recordFailure(String email) {
		this.limiter.tryConsume(email, this.policy);
	}

}
