package dev.fortress.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The rate limiter verifies the bearer token before authentication runs; this decoder
 * lets authentication reuse that verification for the same token in the same request
 * instead of checking the RSA signature a second time. A token it has not seen in this
 * request is decoded and validated in full.
 */
class VerifiedTokens implements JwtDecoder {

	private static final String ATTRIBUTE = VerifiedTokens.class.getName();

	private final JwtDecoder delegate;

	VerifiedTokens(JwtDecoder delegate) {
		this.delegate = delegate;
	}

	/** Verifies the token and remembers it for the rest of this request. */
	Jwt decode(String token, HttpServletRequest request) {
		Jwt jwt = this.delegate.decode(token);
		request.setAttribute(ATTRIBUTE, jwt);
		return jwt;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt verified = verifiedInThisRequest();
		return verified != null && verified.getTokenValue().equals(token) ? verified : this.delegate.decode(token);
	}

	private static @Nullable Jwt verifiedInThisRequest() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes != null
				&& attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Jwt jwt ? jwt : null;
	}

}
