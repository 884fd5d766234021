package dev.fortress.payments.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provider's idempotency keys, with the semantics payment providers document: the
 * first request with a key runs and its response is stored; the same key with the same
 * request replays that response; the same key with a different request is refused
 * ({@code 422}); a key whose first request is still running answers {@code 409}. Server
 * errors are not stored, so a retry with the same key runs again.
 */
final class SandboxIdempotencyKeys {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration keyLease;

	SandboxIdempotencyKeys(SandboxDatabase database, Clock clock, Duration keyLease) {
		this.jdbc = database.jdbc();
		this.transactions = database.transactions();
		this.clock = clock;
		this.keyLease = keyLease;
	}

	/**
	 * Runs {@code action} once per key. The optional {@code delay} is spent after the key
	 * is claimed and before the work starts, outside any transaction (that is how
	 * {@code tok_slow} is slow without holding a database connection).
	 */
	SandboxResponse execute(String key, String fingerprint, Duration delay, Supplier<SandboxResponse> action) {
		String hash = sha256(fingerprint);
		Optional<SandboxResponse> refusalOrReplay = claim(key, hash);
		if (refusalOrReplay.isPresent()) {
			return refusalOrReplay.get();
		}
		try {
			pause(delay);
			return this.transactions.execute(status -> {
				SandboxResponse response = action.get();
				if (response.status() >= 500) {
					release(key);
				}
				else {
					complete(key, response);
				}
				return response;
			});
		}
		catch (RuntimeException ex) {
			release(key);
			throw ex;
		}
	}

	private Optional<SandboxResponse> claim(String key, String hash) {
		Instant now = this.clock.instant();
		Timestamp lockedUntil = Timestamp.from(now.plus(this.keyLease));
		int inserted = this.jdbc.sql("""
				insert into sandbox_psp_idempotency_keys (key, request_hash, state, locked_until, created_at)
				values (:key, :hash, 'IN_FLIGHT', :lockedUntil, :now)
				on conflict (key) do nothing
				""")
			.param("key", key)
			.param("hash", hash)
			.param("lockedUntil", lockedUntil)
			.param("now", Timestamp.from(now))
			.update();
		if (inserted == 1) {
			return Optional.empty();
		}
		StoredKey stored = this.jdbc.sql("""
				select request_hash, state, response_status, response_body, locked_until
				from sandbox_psp_idempotency_keys where key = :key
				""").param("key", key).query(StoredKey.class).optional().orElse(null);
		if (stored == null) {
			// Released between our insert and select: a server error freed it; try again.
			return claim(key, hash);
		}
		if (!stored.requestHash().equals(hash)) {
			return Optional.of(SandboxResponse.error(422, "idempotency_key_reused",
					"This idempotency key was used with a different request"));
		}
		if ("DONE".equals(stored.state())) {
			return Optional.of(new SandboxResponse(stored.responseStatus(), stored.responseBody()).asReplay());
		}
		if (stored.lockedUntil().toInstant().isAfter(now) || !takeOver(key, stored.lockedUntil(), lockedUntil)) {
			return Optional.of(SandboxResponse.error(409, "idempotency_key_in_use",
					"A request with this idempotency key is still being processed"));
		}
		return Optional.empty();
	}

	/** A request that held the key died: its lease ran out, so this one takes the key. */
	private boolean takeOver(String key, Timestamp expiredLease, Timestamp lockedUntil) {
		return this.jdbc.sql("""
				update sandbox_psp_idempotency_keys set locked_until = :lockedUntil
				where key = :key and state = 'IN_FLIGHT' and locked_until = :expired
				""").param("lockedUntil", lockedUntil).param("key", key).param("expired", expiredLease).update() == 1;
	}

	private void complete(String key, SandboxResponse response) {
		this.jdbc.sql("""
				update sandbox_psp_idempotency_keys
				set state = 'DONE', response_status = :status, response_body = :body, locked_until = null
				where key = :key
				""").param("status", response.status()).param("body", response.body()).param("key", key).update();
	}

	private void release(String key) {
		this.jdbc.sql("delete from sandbox_psp_idempotency_keys where key = :key and state = 'IN_FLIGHT'")
			.param("key", key)
			.update();
	}

	private static void pause(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while simulating a slow provider", ex);
		}
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record StoredKey(String requestHash, String state, Integer responseStatus, String responseBody,
			Timestamp lockedUntil) {
	}

}
