package dev.fortress.platform.web;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a gate must decide on: the one the request is routed by, not the one the
 * client spelled. {@code getRequestURI()} is the raw spelling, in which
 * {@code /api/v1/auth/log%69n}, {@code /api/v1//auth/login},
 * {@code /api/v1/auth/login;jsessionid=1} and {@code /api/v1/x/../auth/login} all differ
 * from {@code /api/v1/auth/login}; a gate comparing raw spellings can be walked around.
 * The servlet path is the container's canonical form: percent-decoded, path parameters
 * removed, dot segments resolved and repeated slashes merged. Every spelling the router
 * could take to a handler has the handler's path here; spellings that only this
 * normalisation makes equal are refused later by Spring Security's firewall, so a gate
 * that treats them as the canonical path only ever errs on the strict side.
 */
public final class RoutedPath {

	private RoutedPath() {
	}

	public static String of(HttpServletRequest request) {
		String path = request.getServletPath() + Objects.requireNonNullElse(request.getPathInfo(), "");
		return path.isEmpty() ? "/" : path;
	}

}
