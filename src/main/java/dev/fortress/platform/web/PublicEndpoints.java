package dev.fortress.platform.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Paths a module serves without authentication (public catalog reads, say). Declare one
 * as a bean; the security filter chain permits every declared path and requires a valid
 * access token everywhere else.
 *
 * @param method the method, or {@code null} for all methods
 * @param patterns path patterns as in {@code PathPatternRequestMatcher}, matched on the
 * decoded path exactly as the router matches it
 */
public record PublicEndpoints(@Nullable HttpMethod method, List<String> patterns) {

	public static PublicEndpoints get(String... patterns) {
		return new PublicEndpoints(HttpMethod.GET, List.of(patterns));
	}

	public static PublicEndpoints any(String... patterns) {
		return new PublicEndpoints(null, List.of(patterns));
	}

}
