package dev.fortress.chat.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * An author's Idempotency-Keys (or STOMP {@code clientMessageId}s) and the message each
 * posted. The key is claimed in the posting transaction, before the channel's lock: a
 * concurrent resend with the same key waits on the key's row until the first post commits
 * (then answers with its message) or rolls back (then posts itself). Nothing else needs
 * storing because a post has one outcome, the message (ADR 0076).
 */
@Repository
class MessageKeys {

	private final JdbcClient jdbc;

	MessageKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the key for the message about to be posted.
	 * @return empty if claimed, or the message an earlier post with the key made
	 * @throws ApiException 422 when the key was used for another request
	 */
	Optional<UUID> claim(UUID authorId, String key, UUID channelId, UUID messageId, String requestHash, Instant now) {
		int claimed = this.jdbc.sql("""
				insert into chat_idempotency_keys (author_id, key, channel_id, message_id, request_hash, created_at)
				values (:authorId, :key, :channelId, :messageId, :hash, :now)
				on conflict (author_id, key) do nothing
				""")
			.param("authorId", authorId)
			.param("key", key)
			.param("channelId", channelId)
			.param("messageId", messageId)
			.param("hash", requestHash)
			.param("now", Timestamp.from(now))
			.update();
		if (claimed == 1) {
			return Optional.empty();
		}
		Stored stored = this.jdbc.sql(
				"select message_id, request_hash from chat_idempotency_keys where author_id = :authorId and key = :key")
			.param("authorId", authorId)
			.param("key", key)
			.query(Stored.class)
			.single();
		if (!stored.requestHash().equals(requestHash)) {
			throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
					"This Idempotency-Key was used for another message");
		}
		return Optional.of(stored.messageId());
	}

	/** Keys older than a day are forgotten: a resend comes seconds or minutes later. */
	int expire(Instant before) {
		return this.jdbc.sql("delete from chat_idempotency_keys where created_at < :before")
			.param("before", Timestamp.from(before))
			.update();
	}

	/** What identifies a post's request: where, what, in reply to what, with what. */
	static String hash(Object... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Object part : parts) {
				digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether a client's key is usable: 1 to 255 printable ASCII characters, as for
	 * orders.
	 */
	static boolean valid(String key) {
		return !key.isEmpty() && key.length() <= 255 && key.chars().allMatch((c) -> c > 32 && c < 127);
	}

	private record Stored(UUID messageId, String requestHash) {
	}

}
