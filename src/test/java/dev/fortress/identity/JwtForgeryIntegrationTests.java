package dev.fortress.identity;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens an attacker could craft must all be refused with 401 — while the same token
 * built honestly with our key is accepted (so each case proves exactly one defence).
 */
class JwtForgeryIntegrationTests extends IntegrationTest {

	@Autowired
	RSAKey signingKey;

	LoggedIn user;

	@BeforeEach
	void user() {
		this.user = loggedIn("EDITOR");
	}

	@Test
	void anHonestTokenBuiltTheSameWayIsAccepted() throws Exception {
		assertThat(me(sign(claims(c -> {
		}), header(), this.signingKey)).status()).isEqualTo(200);
	}

	@Test
	void algNoneIsRejected() throws Exception {
		String header = base64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
		String payload = base64(claims(c -> {
		}).toString());
		assertUnauthorized(me(header + "." + payload + "."));
	}

	@Test
	void hs256SignedWithThePublicKeyIsRejected() throws Exception {
		byte[] publicKeyBytes = this.signingKey.toRSAPublicKey().getEncoded();
		byte[] secret = java.security.MessageDigest.getInstance("SHA-256").digest(publicKeyBytes);
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
			.keyID(this.signingKey.getKeyID())
			.build(), claims(c -> {
			}));
		jwt.sign(new MACSigner(secret));
		assertUnauthorized(me(jwt.serialize()));
		SignedJWT raw = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), claims(c -> {
				}));
		raw.sign(new MACSigner(pad(this.signingKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))));
		assertUnauthorized(me(raw.serialize()));
	}

	@Test
	void aTamperedSignatureIsRejected() throws Exception {
		String token = sign(claims(c -> {
		}), header(), this.signingKey);
		String[] parts = token.split("\\.");
		String forgedPayload = base64(claims(c -> c.claim("role", "ADMIN")).toString());
		assertUnauthorized(me(parts[0] + "." + forgedPayload + "." + parts[2]));
	}

	@Test
	void aTokenSignedWithAnotherKeyAndCarryingItsOwnJwkIsRejected() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var pair = generator.generateKeyPair();
		RSAKey attacker = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) pair.getPublic())
			.privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(this.signingKey.getKeyID())
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
			.keyID(this.signingKey.getKeyID())
			.jwk(attacker.toPublicJWK())
			.jwkURL(java.net.URI.create("https://attacker.example/jwks.json"))
			.build();
		assertUnauthorized(me(sign(claims(c -> {
		}), header, attacker)));
	}

	@Test
	void anExpiredTokenIsRejected() throws Exception {
		Instant past = Instant.now().minusSeconds(3600);
		assertUnauthorized(me(sign(claims(c -> c.issueTime(Date.from(past))
			.notBeforeTime(Date.from(past))
			.expirationTime(Date.from(past.plusSeconds(900)))), header(), this.signingKey)));
	}

	@Test
	void aTokenNotValidYetIsRejected() throws Exception {
		Instant future = Instant.now().plusSeconds(3600);
		assertUnauthorized(me(sign(claims(c -> c.notBeforeTime(Date.from(future))), header(), this.signingKey)));
	}

	@Test
	void wrongIssuerOrAudienceIsRejected() throws Exception {
		assertUnauthorized(me(sign(claims(c -> c.issuer("https://evil.example")), header(), this.signingKey)));
		assertUnauthorized(me(sign(claims(c -> c.audience("another-api")), header(), this.signingKey)));
	}

	@Test
	void missingRequiredClaimsAreRejected() throws Exception {
		assertUnauthorized(me(sign(claims(c -> c.jwtID(null)), header(), this.signingKey)));
		assertUnauthorized(me(sign(claims(c -> c.expirationTime(null)), header(), this.signingKey)));
		assertUnauthorized(me(sign(claims(c -> c.claim("sgen", null)), header(), this.signingKey)));
	}

	@Test
	void aTokenOfAnotherSessionGenerationIsRejected() throws Exception {
		assertUnauthorized(me(sign(claims(c -> c.claim("sgen", 1)), header(), this.signingKey)));
		assertUnauthorized(me(sign(claims(c -> c.claim("sgen", "0")), header(), this.signingKey)));
	}

	@Test
	void aTokenOfAnotherTypeIsRejected() throws Exception {
		JWSHeader plainJwt = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(this.signingKey.getKeyID())
			.build();
		assertUnauthorized(me(sign(claims(c -> {
		}), plainJwt, this.signingKey)));
	}

	@Test
	void aTokenForAnUnknownUserIsRejected() throws Exception {
		assertUnauthorized(me(sign(claims(c -> c.subject(UUID.randomUUID().toString())), header(), this.signingKey)));
	}

	@Test
	void aRefreshTokenIsNotAnAccessToken() {
		assertUnauthorized(me(this.user.refreshToken()));
	}

	@Test
	void garbageIsRejected() {
		assertUnauthorized(me("not-a-token"));
		assertUnauthorized(me("a.b.c"));
	}

	private Http.Response me(String token) {
		return this.http.get("/api/v1/me").token(token).send();
	}

	private static void assertUnauthorized(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text("type")).endsWith("/unauthorized");
	}

	private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer("https://fortress.local")
			.audience(List.of("fortress-api"))
			.subject(this.user.id().toString())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.claim("role", "EDITOR")
			.claim("sgen", 0);
		change.accept(builder);
		return builder.build();
	}

	private JWSHeader header() {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
			.keyID(this.signingKey.getKeyID())
			.build();
	}

	private static String sign(JWTClaimsSet claims, JWSHeader header, RSAKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] pad(byte[] secret) {
		return secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
	}

}
