package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * Idempotency-Key handling (IETF draft): a key is scoped to its user and remembered with
 * a hash of the request body for 24 hours. The first request claims the key with a lease;
 * a concurrent request with the same key gets {@code 409 idempotency-key-in-use}; a later
 * one gets the stored response, or {@code 422 idempotency-key-reused} for another body. A
 * lease that runs out (the process died mid-request) lets a retry take the key over. The
 * lease's end is also its owner's fencing token: every later write about the key names
 * it, so a request that was only slow, not dead, and lost its key to a retry can neither
 * place a second order for it nor overwrite or delete the retry's record.
 */
@Component
class Idempotency {

	private final IdempotencyKeys keys;

	private final OrdersProperties properties;

	private final Clock clock;

	Idempotency(IdempotencyKeys keys, OrdersProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	/** A key held by one request until {@code lease} (which also identifies it). */
	record Held(UUID userId, String key, Instant lease) {
	}

	/** What claiming a key came to. */
	sealed interface Claim {

		/**
		 * The caller owns the key now; {@code orderId} is set when it resumes a dead
		 * request's order.
		 */
		record Started(Held held, @Nullable UUID orderId) implements Claim {
		}

		/** The key's request finished: answer with its stored response. */
		record Replay(int status, @Nullable String problemType, String body) implements Claim {
		}

	}

	/**
	 * Claims the key in its own auto-committed statement, so a concurrent request sees it
	 * at once.
	 * @throws ApiException 409 while the key's first request runs, 422 for another body
	 */
	Claim claim(UUID userId, String key, String requestHash) {
		Instant now = this.clock.instant();
		// Microseconds, as PostgreSQL stores it, so the token compares equal when read
		// back.
		Instant lease = now.plus(this.properties.idempotencyLease()).truncatedTo(ChronoUnit.MICROS);
		Held held = new Held(userId, key, lease);
		if (this.keys.insertOrReplaceExpired(userId, key, requestHash, now, lease,
				now.plus(this.properties.idempotencyTtl()))) {
			return new Claim.Started(held, null);
		}
		IdempotencyKeys.Stored stored = this.keys.find(userId, key).orElse(null);
		if (stored == null) {
			// Deleted between our insert and read (a failed request let go of it): one
			// retry.
			return this.keys.insertOrReplaceExpired(userId, key, requestHash, now, lease,
					now.plus(this.properties.idempotencyTtl())) ? new Claim.Started(held, null) : inUse();
		}
		if (!stored.requestHash().equals(requestHash)) {
			throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
					"This Idempotency-Key was used with a different request body");
		}
		if (stored.done()) {
			return new Claim.Replay(stored.responseStatus(), stored.responseType(), stored.responseBody());
		}
		if (stored.lockedUntil().isAfter(now) || !this.keys.takeOverExpiredLease(userId, key, now, lease)) {
			return inUse();
		}
		return new Claim.Started(held, stored.orderId());
	}

	private static Claim inUse() {
		throw new ApiException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
				"A request with this Idempotency-Key is still being processed; retry shortly");
	}

	/**
	 * In the reservation transaction: which of these keys are still held and may place
	 * their order; locks their records until commit, so the answer stays true.
	 */
	Set<Held> stillHeld(Collection<Held> candidates) {
		return this.keys.lockUnlinked(candidates);
	}

	/**
	 * A key to link to its order; {@code body} is the final {@code 201} response when the
	 * order is settled in the same transaction (a free order), else null.
	 */
	record Link(Held held, UUID orderId, @Nullable String body) {
	}

	/**
	 * Links each key to its order (and stores the response of a settled one), in one
	 * batch; runs in the reservation transaction. False if a retry took any key over (or
	 * it has an order already): the caller must not place the orders.
	 */
	boolean linkAll(List<Link> links) {
		return this.keys.linkOrders(links);
	}

	/**
	 * Stores the final successful response; runs in the transaction that settles the
	 * order.
	 */
	void completeWithBody(Held held, int status, String body) {
		this.keys.complete(held, status, null, body);
	}

	/** Stores a final problem response (sold out, limit reached, declined). */
	void completeWithProblem(Held held, ApiException problem) {
		this.keys.complete(held, problem.type().status().value(), problem.type().name(), problem.getMessage());
	}

	/**
	 * Lets go of the key without storing a response, so a retry with the same key runs
	 * again: for failures the client is told to retry (503) and unexpected errors.
	 */
	void release(Held held) {
		this.keys.deleteInFlight(held);
	}

	@Scheduled(fixedDelayString = "${fortress.orders.idempotency-cleanup-interval:1h}", initialDelay = 60_000)
	void deleteExpired() {
		this.keys.deleteExpired(this.clock.instant());
	}

}
