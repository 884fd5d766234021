package dev.fortress.platform.web;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gate 3 (with {@link BodySizeLimitFilter}): refuses media-type headers that no handler
 * could honour, before anything tries to: a {@code Content-Type} that is not one
 * concrete, well-formed media type ({@code 415}), and an {@code Accept} that cannot be
 * parsed ({@code 406}). Spring MVC would otherwise fail on them in places that are not
 * the client's fault to reach: a wildcard {@code Content-Type} such as
 * {@code application/*} is rejected by its request-header model with an
 * {@code IllegalArgumentException} (a 500 with a stack trace), and an unparseable
 * {@code Accept} leaves it unable to write even the error body. A body's type is always
 * concrete (RFC 9110, 8.3), so nothing valid is lost; wildcards and parameters in
 * {@code Accept} stay allowed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class MediaTypeHeadersFilter extends OncePerRequestFilter {

	private final Problems problems;

	MediaTypeHeadersFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isConcrete(request.getContentType())) {
			this.problems.write(response,
					Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
							"Content-Type must be one concrete media type; send the body as application/json", request),
					null);
			return;
		}
		if (!isParseable(request)) {
			this.problems.write(response, Problems.of(ProblemType.NOT_ACCEPTABLE,
					"The Accept header is not a valid list of media types", request), null);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isConcrete(String contentType) {
		if (contentType == null) {
			return true;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static boolean isParseable(HttpServletRequest request) {
		try {
			MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
			return true;
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
