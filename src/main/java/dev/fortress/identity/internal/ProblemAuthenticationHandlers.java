package dev.fortress.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ProblemType;
import dev.fortress.platform.web.Problems;
import dev.fortress.platform.web.UnroutableRequests;

/**
 * {@code 401} with {@code WWW-Authenticate: Bearer} for a missing or invalid token,
 * {@code 403} for a valid one that lacks the role, both as problem+json. The reason a
 * token was refused is not echoed beyond RFC 6750's {@code invalid_token}: it would only
 * help a forger. A request that no handler serves gets the router's {@code 404} or
 * {@code 405} instead, whoever sends it: there is nothing to authenticate or authorise
 * for, and a {@code 401} would blame the credentials for a wrong path or method.
 */
@Component
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final Problems problems;

	private final UnroutableRequests unroutable;

	ProblemAuthenticationHandlers(Problems problems, UnroutableRequests unroutable) {
		this.problems = problems;
		this.unroutable = unroutable;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (this.unroutable.answer(request, response)) {
			return;
		}
		boolean tokenPresented = exception instanceof InvalidBearerTokenException
				|| exception instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
		String detail = tokenPresented ? "The access token is invalid or expired"
				: "An access token is required (Authorization: Bearer <token>)";
		this.problems.write(response, Problems.of(ProblemType.UNAUTHORIZED, detail, request), null);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		if (this.unroutable.answer(request, response)) {
			return;
		}
		this.problems.write(response, Problems.of(ProblemType.FORBIDDEN, "You are not allowed to do this", request),
				null);
	}

}
