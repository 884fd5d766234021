package dev.fortress.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import dev.fortress.platform.Ids;

/**
 * Issues access tokens: RS256 JWTs of type {@code at+jwt} (RFC 9068) with {@code kid},
 * {@code iss}, {@code aud}, {@code sub}, {@code exp}, {@code iat}, {@code nbf},
 * {@code jti} and {@code role}.
 */
class AccessTokens {

	static final String TYPE = "at+jwt";

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
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.key.getKeyID()).type(TYPE).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	long lifetimeSeconds() {
		return this.properties.accessTokenTtl().toSeconds();
	}

}
