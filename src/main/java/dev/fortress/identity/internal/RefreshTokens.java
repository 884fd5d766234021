package dev.fortress.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.platform.Ids;

/**
 * The {@code refresh_tokens} table. A refresh token is 256 random bits shown to the
 * client once; only its SHA-256 is stored, so a database leak yields no usable tokens. (A
 * fast hash is enough here: unlike passwords, the input has full entropy.)
 */
@Repository
class RefreshTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	RefreshTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new token of the family, issued in the account's given session generation,
	 * and returns its clear value.
	 */
	String issue(UUID userId, long sessionGeneration, UUID familyId, Instant now, Instant familyExpiresAt) {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		this.jdbc
			.sql("""
					insert into refresh_tokens (id, family_id, user_id, session_generation, token_hash, issued_at, expires_at)
					values (:id, :family, :user, :generation, :hash, :now, :expires)
					""")
			.param("id", Ids.newId())
			.param("family", familyId)
			.param("user", userId)
			.param("generation", sessionGeneration)
			.param("hash", hash(token))
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(familyExpiresAt))
			.update();
		return token;
	}

	/**
	 * Marks a live token used, atomically: of two concurrent calls with the same token
	 * only one sees the row still unused.
	 */
	Optional<Live> markUsed(String token, Instant now) {
		return this.jdbc.sql("""
				update refresh_tokens set used_at = :now
				where token_hash = :hash and used_at is null and revoked_at is null and expires_at > :now
				returning user_id, session_generation, family_id, expires_at
				""")
			.param("now", Timestamp.from(now))
			.param("hash", hash(token))
			.query((rs, n) -> new Live(rs.getObject("user_id", UUID.class), rs.getLong("session_generation"),
					rs.getObject("family_id", UUID.class), rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/** The family of a token that was already used, if it is one: the signal of theft. */
	Optional<UUID> familyOfUsedToken(String token) {
		return this.jdbc.sql("select family_id from refresh_tokens where token_hash = :hash and used_at is not null")
			.param("hash", hash(token))
			.query(UUID.class)
			.optional();
	}

	/** The family of a token if it belongs to the user. */
	Optional<UUID> familyOf(String token, UUID userId) {
		return this.jdbc.sql("select family_id from refresh_tokens where token_hash = :hash and user_id = :user")
			.param("hash", hash(token))
			.param("user", userId)
			.query(UUID.class)
			.optional();
	}

	int revokeFamily(UUID familyId, Instant now) {
		return this.jdbc
			.sql("update refresh_tokens set revoked_at = :now where family_id = :family and revoked_at is null")
			.param("now", Timestamp.from(now))
			.param("family", familyId)
			.update();
	}

	int revokeAllOf(UUID userId, Instant now) {
		return this.jdbc.sql("update refresh_tokens set revoked_at = :now where user_id = :user and revoked_at is null")
			.param("now", Timestamp.from(now))
			.param("user", userId)
			.update();
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A token that was live until this call: whose it is, the session generation it was
	 * issued in, its family and the family's end.
	 */
	record Live(UUID userId, long sessionGeneration, UUID familyId, Instant familyExpiresAt) {
	}

}
