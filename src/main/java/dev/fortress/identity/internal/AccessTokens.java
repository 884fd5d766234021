package dev.fortress.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import dev.fortress.platform.Ids;

/**
 * Issues access tokens: RS256 JWTs of type {@code at+jwt} (RFC 9068) with {@code kid},
 * {@code iss}, {@code aud}, {@code sub}, {@code exp}, {@code iat}, {@code nbf},
 * {@code jti}, {@code role} and {@code sgen}, the account's session generation when the
 * token was issued: a token stops working as soon as the account moves on to the next
 * generation (see {@link User}), although JWTs are otherwise checked without a lookup.
 */
class AccessTokens {

	static final String TYPE = "at+jwt";

	static final String SESSION_GENERATION = "sgen";

	/** Never an account's generation: what a token without a usable one is given. */
	static final long NO_GENERATION = -1;

	private final JwtEncoder encoder;

	private final RSAKey key;

	private final IdentityProperties properties;

	private final Clock clock;

	AccessTokens(RSAKey key, IdentityProperties properties, Clock clock) {
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		this.key = key;
		this.properties = properties;
		this.clock = clock;
	}

	String issue(User user) {
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.audience(List.of(this.properties.audience()))
			.subject(user.id().toString())
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plus(this.properties.accessTokenTtl()))
			.id(Ids.newId().toString())
			.claim("role", user.role().name())
			.claim(SESSION_GENERATION, user.sessionGeneration())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.key.getKeyID()).type(TYPE).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	/** The session generation a verified token was issued in. */
	static long sessionGeneration(Jwt jwt) {
		return jwt.getClaims().get(SESSION_GENERATION) instanceof Number number ? number.longValue() : NO_GENERATION;
	}

	long lifetimeSeconds() {
		return this.properties.accessTokenTtl().toSeconds();
	}

}
