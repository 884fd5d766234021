package dev.fortress.platform.ratelimit;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.fortress.platform.web.ProblemType;
import dev.fortress.platform.web.Problems;
import dev.fortress.platform.web.RoutedPath;

/**
 * Gate 4: token buckets. The credential endpoints get a strict per-IP bucket; everything
 * else a per-user bucket when the caller presents a valid token, per IP otherwise. The
 * configured exempt paths (health probes by default) are not limited. Every limited
 * response carries {@code RateLimit-Policy} and {@code RateLimit}; a refusal is a
 * {@code 429} problem with {@code Retry-After}.
 * <p>
 * Requests are classified by their {@link RoutedPath}, never by their spelling, so
 * {@code /api/v1/auth/log%69n} spends the credential bucket like
 * {@code /api/v1/auth/login}. The credential check also ignores case and a trailing
 * slash: the router takes neither to a credential endpoint, so counting them there costs
 * nothing, and it keeps the bucket right should the router ever be configured to match
 * them. Exemptions are matched exactly: they widen access and must not widen by spelling.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter extends OncePerRequestFilter {

	private static final Set<String> CREDENTIAL_PATHS = Set.of("/api/v1/auth/login", "/api/v1/auth/register",
			"/api/v1/auth/refresh");

	private static final AntPathMatcher EXEMPT_MATCHER = new AntPathMatcher();

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final ObjectProvider<RequestPrincipalResolver> principals;

	private final Problems problems;

	// The policies and their RateLimit-Policy values never change: built once, not per
	// request (formatting them was a visible share of a cheap request's CPU).
	private final RateLimitPolicy authPolicy;

	private final RateLimitPolicy apiPolicy;

	private final String authPolicyHeader;

	private final String apiPolicyHeader;

	/** The resolver once looked up: asking the bean factory per request costs CPU. */
	private volatile @Nullable Optional<RequestPrincipalResolver> resolver;

	RateLimitFilter(RateLimiter limiter, RateLimitProperties properties,
			ObjectProvider<RequestPrincipalResolver> principals, Problems problems) {
		this.limiter = limiter;
		this.properties = properties;
		this.principals = principals;
		this.problems = problems;
		this.authPolicy = properties.authPolicy();
		this.apiPolicy = properties.apiPolicy();
		this.authPolicyHeader = this.authPolicy.header();
		this.apiPolicyHeader = this.apiPolicy.header();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = RoutedPath.of(request);
		return this.properties.exemptPaths().stream().anyMatch(pattern -> EXEMPT_MATCHER.match(pattern, path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RateLimitPolicy policy;
		String policyHeader;
		String key;
		if (isCredentialPath(RoutedPath.of(request))) {
			policy = this.authPolicy;
			policyHeader = this.authPolicyHeader;
			key = "ip:" + request.getRemoteAddr();
		}
		else {
			policy = this.apiPolicy;
			policyHeader = this.apiPolicyHeader;
			key = principal(request).map(user -> "user:" + user).orElseGet(() -> "ip:" + request.getRemoteAddr());
		}
		RateLimiter.Decision decision = this.limiter.tryConsume(key, policy);
		response.setHeader("RateLimit-Policy", policyHeader);
		response.setHeader("RateLimit", decision.header(policy));
		if (!decision.allowed()) {
			this.problems.write(response,
					Problems.of(ProblemType.RATE_LIMITED, "Rate limit exceeded; retry later", request),
					decision.retryAfter());
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isCredentialPath(String path) {
		String lenient = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return CREDENTIAL_PATHS.contains(lenient.toLowerCase(Locale.ROOT));
	}

	private Optional<String> principal(HttpServletRequest request) {
		Optional<RequestPrincipalResolver> known = this.resolver;
		if (known == null) {
			// a lookup that races another one finds the same singleton
			known = Optional.ofNullable(this.principals.getIfAvailable());
			this.resolver = known;
		}
		return known.isPresent() ? known.get().verifiedPrincipal(request) : Optional.empty();
	}

}
