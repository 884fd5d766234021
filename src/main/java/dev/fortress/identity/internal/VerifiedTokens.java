package dev.fortress.identity.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies a bearer token's RS256 signature and claims once, not on every request: a
 * token that verified is remembered, by the SHA-256 of its exact text, for at most
 * {@link #REMEMBERED}, and every later use of the same text checks its time claims again
 * ({@code exp}, {@code nbf}), so an expired token is refused exactly as if it were
 * decoded anew. The signature, issuer, audience, type and required claims of a given text
 * cannot change, so they need no second check; a token that failed is never remembered,
 * and a text differing in one character is another key. What can change for a valid token
 * — the account disabled, its sessions ended — is checked on every request by
 * {@link AccountStatus}, not here.
 * <p>
 * The rate limiter verifies the token before authentication runs; both go through this
 * decoder, so a request checks the signature at most once and a user's next request not
 * at all. Under load the RSA check was the largest single cost of an authenticated
 * request.
 * <p>
 * The digest itself is then the largest cost left (~15 % of an authenticated page of
 * tasks), and each request asked for it twice, once for the rate limiter and once for
 * authentication. Each thread therefore keeps the digest of the last text it hashed: the
 * second call of a request, and the same caller's next request on that thread, compare
 * the text instead of hashing it. The key is still the SHA-256 of the exact text.
 */
class VerifiedTokens implements JwtDecoder {

	static final Duration REMEMBERED = Duration.ofMinutes(5);

	private static final ThreadLocal<Digest> LAST_DIGEST = new ThreadLocal<>();

	private final JwtDecoder delegate;

	private final OAuth2TokenValidator<Jwt> timeClaims;

	private final Cache<ByteBuffer, Jwt> verified = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(REMEMBERED)
		.build();

	VerifiedTokens(JwtDecoder delegate, OAuth2TokenValidator<Jwt> timeClaims) {
		this.delegate = delegate;
		this.timeClaims = timeClaims;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		ByteBuffer key = digest(token);
		Jwt known = this.verified.getIfPresent(key);
		if (known == null) {
			Jwt jwt = this.delegate.decode(token);
			this.verified.put(key, jwt);
			return jwt;
		}
		OAuth2TokenValidatorResult stillValid = this.timeClaims.validate(known);
		if (stillValid.hasErrors()) {
			this.verified.invalidate(key);
			throw new JwtValidationException("The token is no longer valid", stillValid.getErrors());
		}
		return known;
	}

	/** The cache key of a token's text: its SHA-256, hashed once per text and thread. */
	static ByteBuffer digest(String token) {
		Digest last = LAST_DIGEST.get();
		if (last != null && last.text().equals(token)) {
			return last.key();
		}
		ByteBuffer key = sha256(token);
		LAST_DIGEST.set(new Digest(token, key));
		return key;
	}

	private static ByteBuffer sha256(String token) {
		try {
			return ByteBuffer
				.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A text and its digest. The key is shared by every caller that hashed the same text,
	 * which is safe because nobody reads from it (only its hash code and equality are
	 * used).
	 */
	private record Digest(String text, ByteBuffer key) {
	}

}
