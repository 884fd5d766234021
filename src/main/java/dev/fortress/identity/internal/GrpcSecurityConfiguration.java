package dev.fortress.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;

/**
 * Authentication of gRPC calls with Spring gRPC's security: a bearer token in the
 * {@code authorization} metadata is checked exactly as on REST (the same decoder, so
 * RS256 only, our key, type, issuer, audience and times; then the account must still
 * exist, be enabled and be in the token's session generation), and the caller is put in
 * the security context for the call. A call without a token runs anonymously, and each
 * method that needs a caller refuses it ({@code UNAUTHENTICATED}) as REST answers
 * {@code 401}; a token that does not verify is refused on every method, public ones
 * included, as on REST. Roles are checked by the services the handlers call (checkout
 * refuses a read-only viewer), before the request is validated.
 */
@Configuration(proxyBeanMethods = false)
class GrpcSecurityConfiguration {

	@Bean
	@GlobalServerInterceptor
	AuthenticationProcessInterceptor grpcAuthentication(GrpcSecurity grpc, VerifiedTokens decoder,
			AccountStatus accounts) throws Exception {
		return grpc.authorizeRequests(requests -> requests.allRequests().permitAll())
			.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder)
				.jwtAuthenticationConverter(token -> SecurityConfiguration.authenticate(token, accounts))))
			.build();
	}

}
