package dev.fortress.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.fortress.platform.config.FortressProperties;
import dev.fortress.platform.web.PublicEndpoints;

/**
 * Gate 5: stateless bearer-token authentication and URL-level authorisation. Tokens are
 * checked strictly: RS256 only (so {@code alg: none} and HMAC tokens signed with the
 * public key fail), our key only ({@code jku}, {@code x5u} and {@code jwk} headers are
 * never followed), type {@code at+jwt}, {@code iss}, {@code aud}, {@code exp},
 * {@code nbf}, {@code iat}, {@code sub} and {@code jti} all required and valid, and the
 * account must still exist and be enabled. URL rules match the decoded path as the router
 * does; a refused request that no handler serves is answered 404 or 405 instead (see
 * {@link ProblemAuthenticationHandlers}). Role rules on handlers are checked before their
 * arguments are bound ({@code PreAuthorizeBeforeBinding}); finer rules (project
 * membership, ownership) live in the modules.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	@Bean
	RSAKey signingKey(IdentityProperties identity, FortressProperties fortress, Environment environment) {
		if (environment.matchesProfiles("prod") && identity.jwtPrivateKey().isEmpty()) {
			// Every instance must sign with the same managed key; a key generated on one
			// instance's disk is a development convenience only.
			throw new IllegalStateException("The prod profile requires FORTRESS_JWT_PRIVATE_KEY (PKCS#8 PEM)");
		}
		return SigningKeys.load(identity, fortress);
	}

	@Bean
	AccessTokens accessTokens(RSAKey signingKey, IdentityProperties properties, Clock clock) {
		return new AccessTokens(signingKey, properties, clock);
	}

	@Bean
	VerifiedTokens jwtDecoder(RSAKey signingKey, IdentityProperties properties, Clock clock) throws JOSEException {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(signingKey.toRSAPublicKey())
			.signatureAlgorithm(SignatureAlgorithm.RS256)
			.validateType(false)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
		timestamps.setClock(clock);
		timestamps.setAllowEmptyExpiryClaim(false);
		timestamps.setAllowEmptyNotBeforeClaim(false);
		List<OAuth2TokenValidator<Jwt>> validators = List.of(new JwtTypeValidator(AccessTokens.TYPE), timestamps,
				new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()),
				required(JwtClaimNames.SUB), required(JwtClaimNames.JTI), required(JwtClaimNames.IAT));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return new VerifiedTokens(decoder, timestamps);
	}

	/**
	 * Spring Security's strict firewall with its own defaults, except that the characters
	 * of header names, header values and parameter names are checked by
	 * {@link FirewallCharacters} (the same rule) instead of a regular expression per
	 * character.
	 */
	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(FirewallCharacters::assignedNotControl);
		firewall.setAllowedHeaderValues(FirewallCharacters::headerValue);
		firewall.setAllowedParameterNames(FirewallCharacters::assignedNotControl);
		return firewall;
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, AccountStatus accounts,
			ProblemAuthenticationHandlers handlers, List<PublicEndpoints> publicEndpoints,
			CorsFilterConfiguration.ProblemCorsFilter cors) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests(requests -> {
				requests
					.requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login",
							"/api/v1/auth/refresh")
					.permitAll()
					.requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
					.permitAll()
					.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
							"/actuator/info")
					.permitAll()
					.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
					.permitAll()
					.requestMatchers("/error")
					.permitAll();
				for (PublicEndpoints endpoints : publicEndpoints) {
					String[] patterns = endpoints.patterns().toArray(String[]::new);
					if (endpoints.method() != null) {
						requests.requestMatchers(endpoints.method(), patterns).permitAll();
					}
					else {
						requests.requestMatchers(patterns).permitAll();
					}
				}
				requests.requestMatchers("/api/v1/admin/**").hasRole("ADMIN").anyRequest().authenticated();
			})
			.oauth2ResourceServer(server -> server
				.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> authenticate(token, accounts)))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.addFilterBefore(cors, BearerTokenAuthenticationFilter.class)
			.addFilterAfter(new UserLoggingContextFilter(), BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	/** The token is genuine; now the account behind it must still be allowed in. */
	static JwtAuthenticationToken authenticate(Jwt jwt, AccountStatus accounts) {
		UUID userId;
		try {
			userId = UUID.fromString(Objects.requireNonNull(jwt.getSubject()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidBearerTokenException("Invalid subject");
		}
		AccountStatus.Snapshot account = accounts.active(userId, AccessTokens.sessionGeneration(jwt))
			.orElseThrow(() -> new InvalidBearerTokenException("The account is disabled or no longer exists"));
		return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(account.role().authority())),
				userId.toString());
	}

	private static OAuth2TokenValidator<Jwt> required(String claim) {
		return new JwtClaimValidator<Object>(claim, Objects::nonNull);
	}

}
