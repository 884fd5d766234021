package dev.fortress.platform.ratelimit;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Tells the rate limiter who is calling, before authentication proper runs. Implemented
 * by the identity module; it must only return a principal whose credentials it has
 * verified, or anyone could drain someone else's bucket.
 */
public interface RequestPrincipalResolver {

	Optional<String> verifiedPrincipal(HttpServletRequest request);

	/**
	 * The same for a call that is not HTTP/1 (gRPC): {@code authorization} is the value
	 * of its {@code authorization} metadata, {@code null} when it has none.
	 */
	Optional<String> verifiedPrincipal(@Nullable String authorization);

}
