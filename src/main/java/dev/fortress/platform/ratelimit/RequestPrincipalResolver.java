package dev.fortress.platform.ratelimit;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells the rate limiter who is calling, before authentication proper runs. Implemented
 * by the identity module; it must only return a principal whose credentials it has
 * verified, or anyone could drain someone else's bucket.
 */
public interface RequestPrincipalResolver {

	Optional<String> verifiedPrincipal(HttpServletRequest request);

}
