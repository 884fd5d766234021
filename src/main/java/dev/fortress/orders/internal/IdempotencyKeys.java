package dev.fortress.orders.internal;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code idempotency_keys} table: one row per user and key. */
@Repository
class IdempotencyKeys {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	IdempotencyKeys(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	record Stored(String requestHash, boolean done, Instant lockedUntil, @Nullable UUID orderId,
			@Nullable Integer responseStatus, @Nullable String responseType, @Nullable String responseBody) {
	}

	/**
	 * Inserts an in-flight record, or replaces one that expired. The primary key makes
	 * this the single point where concurrent requests with one key are told apart.
	 */
	boolean insertOrReplaceExpired(UUID userId, String key, String hash, Instant now, Instant lockedUntil,
			Instant expiresAt) {
		return this.jdbc.sql("""
				insert into idempotency_keys (user_id, key, request_hash, state, locked_until, created_at, expires_at)
				values (:userId, :key, :hash, 'IN_FLIGHT', :lockedUntil, :now, :expiresAt)
				on conflict (user_id, key) do update
				   set request_hash = excluded.request_hash, state = 'IN_FLIGHT', locked_until = excluded.locked_until,
				       order_id = null, response_status = null, response_type = null, response_body = null,
				       created_at = excluded.created_at, expires_at = excluded.expires_at
				 where idempotency_keys.expires_at <= :now
				""")
			.param("userId", userId)
			.param("key", key)
			.param("hash", hash)
			.param("lockedUntil", Timestamp.from(lockedUntil))
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(expiresAt))
			.update() == 1;
	}

	Optional<Stored> find(UUID userId, String key) {
		return this.jdbc.sql("""
				select request_hash, state, locked_until, order_id, response_status, response_type, response_body
				from idempotency_keys where user_id = :userId and key = :key
				""")
			.param("userId", userId)
			.param("key", key)
			.query((rs, n) -> new Stored(rs.getString("request_hash"), "DONE".equals(rs.getString("state")),
					rs.getTimestamp("locked_until").toInstant(), rs.getObject("order_id", UUID.class),
					(Integer) rs.getObject("response_status"), rs.getString("response_type"),
					rs.getString("response_body")))
			.optional();
	}

	/**
	 * Whether the user has a record for the key, whatever its state: one primary-key
	 * lookup, for the sold-out fast path.
	 */
	boolean exists(UUID userId, String key) {
		return this.jdbc.sql("select exists (select 1 from idempotency_keys where user_id = :userId and key = :key)")
			.param("userId", userId)
			.param("key", key)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Takes over an in-flight record whose lease ran out (its request's process died).
	 */
	boolean takeOverExpiredLease(UUID userId, String key, Instant now, Instant lockedUntil) {
		return this.jdbc.sql("""
				update idempotency_keys set locked_until = :lockedUntil
				where user_id = :userId and key = :key and state = 'IN_FLIGHT' and locked_until <= :now
				""")
			.param("lockedUntil", Timestamp.from(lockedUntil))
			.param("userId", userId)
			.param("key", key)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/*
	 * Every write below is fenced by the lease the writer claimed: a request that
	 * outlived its lease (and was taken over by a retry) changes nothing any more.
	 */

	/**
	 * Of the {@code candidates}, those that still own their record and have no order yet;
	 * their records stay locked until commit. One statement for a whole batch, one
	 * primary-key probe per candidate: joined to the {@code unnest} directly, whose row
	 * count the planner cannot know, the table was scanned whole once per batch.
	 */
	Set<Idempotency.Held> lockUnlinked(Collection<Idempotency.Held> candidates) {
		return new HashSet<>(this.jdbc.sql("""
				select k.user_id, k.key, k.locked_until
				from unnest(cast(:users as uuid[]), cast(:keys as text[]), cast(:leases as timestamptz[]))
				     as h (user_id, key, lease)
				cross join lateral (
				    select user_id, key, locked_until from idempotency_keys
				    where user_id = h.user_id and key = h.key and locked_until = h.lease and order_id is null
				    for update
				) k
				""")
			.param("users", candidates.stream().map(held -> held.userId().toString()).toArray(String[]::new))
			.param("keys", candidates.stream().map(Idempotency.Held::key).toArray(String[]::new))
			.param("leases", candidates.stream().map(held -> held.lease().toString()).toArray(String[]::new))
			.query((rs, n) -> new Idempotency.Held(rs.getObject("user_id", UUID.class), rs.getString("key"),
					rs.getTimestamp("locked_until").toInstant()))
			.list());
	}

	/**
	 * One JDBC batch: links each key to its order and, with a body, stores the final
	 * {@code 201} response too. True if every key was still held and unlinked.
	 */
	boolean linkOrders(List<Idempotency.Link> links) {
		int[] updated = this.batch.batchUpdate("""
				update idempotency_keys set order_id = ?,
				       state = case when cast(? as text) is null then state else 'DONE' end,
				       response_status = case when cast(? as text) is null then null else 201 end,
				       response_body = cast(? as text)
				where user_id = ? and key = ? and locked_until = ? and order_id is null
				""", links.stream().map(link -> {
			SqlParameterValue body = new SqlParameterValue(Types.VARCHAR, link.body());
			return new Object[] { link.orderId(), body, body, body, link.held().userId(), link.held().key(),
					Timestamp.from(link.held().lease()) };
		}).toList());
		return Arrays.stream(updated).allMatch(count -> count == 1);
	}

	void complete(Idempotency.Held held, int status, @Nullable String type, String body) {
		this.jdbc.sql("""
				update idempotency_keys set state = 'DONE', response_status = :status, response_type = :type,
				       response_body = :body
				where user_id = :userId and key = :key and state = 'IN_FLIGHT' and locked_until = :lease
				""")
			.param("status", status)
			.param("type", type)
			.param("body", body)
			.param("userId", held.userId())
			.param("key", held.key())
			.param("lease", Timestamp.from(held.lease()))
			.update();
	}

	void deleteInFlight(Idempotency.Held held) {
		this.jdbc.sql("""
				delete from idempotency_keys
				where user_id = :userId and key = :key and state = 'IN_FLIGHT' and locked_until = :lease
				""")
			.param("userId", held.userId())
			.param("key", held.key())
			.param("lease", Timestamp.from(held.lease()))
			.update();
	}

	int deleteExpired(Instant now) {
		return this.jdbc.sql("delete from idempotency_keys where expires_at <= :now")
			.param("now", Timestamp.from(now))
			.update();
	}

}
