package dev.fortress.identity;

import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * The authenticated caller of the current request, with the role the account has now (not
 * the one frozen into the token). Controllers receive it as a method parameter; gRPC
 * handlers, which have no parameter resolution, ask {@link #current()}.
 */
public record CurrentUser(UUID id, Role role) {

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	/** A global viewer is read-only everywhere, whatever its project roles say. */
	public boolean isReadOnly() {
		return this.role == Role.VIEWER;
	}

	/**
	 * The caller the security context holds for this request or call (REST and gRPC
	 * authenticate into it alike).
	 * @throws ApiException {@code unauthorized} when the request carried no access token
	 */
	public static CurrentUser current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new ApiException(ProblemType.UNAUTHORIZED, "An access token is required");
		}
		Role role = token.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith("ROLE_"))
			.map(authority -> Role.valueOf(authority.substring(5)))
			.findFirst()
			.orElseThrow();
		return new CurrentUser(UUID.fromString(token.getName()), role);
	}

}
