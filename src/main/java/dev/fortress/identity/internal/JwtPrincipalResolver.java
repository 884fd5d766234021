package dev.fortress.identity.internal;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import dev.fortress.platform.ratelimit.RequestPrincipalResolver;

/**
 * Lets the rate limiter, which runs before authentication, key buckets by user: only a
 * token whose signature and claims verify counts, so nobody can spend another user's
 * budget.
 */
@Component
class JwtPrincipalResolver implements RequestPrincipalResolver {

	private static final String PREFIX = "Bearer ";

	private final VerifiedTokens tokens;

	JwtPrincipalResolver(VerifiedTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public Optional<String> verifiedPrincipal(HttpServletRequest request) {
		return verifiedPrincipal(request.getHeader(HttpHeaders.AUTHORIZATION));
	}

	@Override
	public Optional<String> verifiedPrincipal(@Nullable String header) {
		if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(this.tokens.decode(header.substring(PREFIX.length()).trim()).getSubject());
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
	}

}
