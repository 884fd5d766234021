package dev.fortress.identity.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * The refresh token as the browser app keeps it (ADR 0101): a cookie that script cannot
 * read ({@code HttpOnly}), sent over TLS only ({@code Secure}; browsers treat
 * {@code http://localhost} as secure), never on a request another site starts
 * ({@code SameSite=Strict}) and only to {@code /api/v1/auth}, so no other call carries
 * it. A cookie is sent by the browser on its own, so a request may use it only with the
 * {@code X-Requested-With} header, which a form or link of another site cannot add and a
 * cross-origin script can add only after a CORS preflight that this server refuses.
 */
final class RefreshCookie {

	static final String NAME = "fortress_refresh";

	static final String CSRF_HEADER = "X-Requested-With";

	/** A session lives at most 30 days (its family's limit), and so does its cookie. */
	private static final Duration MAX_AGE = Duration.ofDays(30);

	private static final String PATH = "/api/v1/auth";

	private RefreshCookie() {
	}

	static String set(String refreshToken) {
		return cookie(refreshToken, MAX_AGE);
	}

	static String clear() {
		return cookie("", Duration.ZERO);
	}

	/**
	 * The token a refresh or logout presents: the body's when it has one (API clients),
	 * else the cookie's, which counts only with the anti-forgery header.
	 */
	static String presented(@Nullable String fromBody, @Nullable String fromCookie, @Nullable String csrfHeader) {
		if (fromBody != null) {
			return fromBody;
		}
		if (fromCookie == null || fromCookie.isBlank()) {
			throw new ApiException(ProblemType.UNAUTHORIZED, "No refresh token: send it in the body or as the cookie");
		}
		if (csrfHeader == null || csrfHeader.isBlank()) {
			throw new ApiException(ProblemType.UNAUTHORIZED,
					"The refresh cookie is only accepted with the " + CSRF_HEADER + " header");
		}
		return fromCookie;
	}

	private static String cookie(String value, Duration maxAge) {
		return ResponseCookie.from(NAME, value)
			.httpOnly(true)
			.secure(true)
			.sameSite("Strict")
			.path(PATH)
			.maxAge(maxAge)
			.build()
			.toString();
	}

}
