package dev.fortress.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code payments} table. State changes are guarded by the state they leave. */
class Payments {

	private final JdbcClient jdbc;

	Payments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Payment> find(UUID orderId) {
		return this.jdbc.sql("select * from payments where order_id = :orderId")
			.param("orderId", orderId)
			.query(Payments::map)
			.optional();
	}

	/**
	 * Starts the order's first charge; false if the order already has a payment. The
	 * idempotency key is derived from the order id and unique too, so the conflict clause
	 * names no target: with {@code (order_id)} a concurrent first charge of the same
	 * order could fail on the key's index instead of being a no-op.
	 */
	boolean startCharge(UUID orderId, long amount, String currency, String token, Instant now, Instant leaseUntil) {
		return this.jdbc.sql("""
				insert into payments (order_id, amount, currency, card_token, idempotency_key, state,
				                      next_attempt_at, created_at, updated_at)
				values (:orderId, :amount, :currency, :token, :key, 'CHARGING', :leaseUntil, :now, :now)
				on conflict do nothing
				""")
			.param("orderId", orderId)
			.param("amount", amount)
			.param("currency", currency)
			.param("token", token)
			.param("key", Payment.baseKey(orderId))
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Takes up a charge that found the provider unavailable (nothing was charged), so the
	 * caller can try again, possibly with another card.
	 */
	boolean restartCharge(UUID orderId, long amount, String token, Instant now, Instant leaseUntil) {
		return this.jdbc.sql("""
				update payments set state = 'CHARGING', card_token = :token, next_attempt_at = :leaseUntil,
				                    updated_at = :now
				where order_id = :orderId and state = 'UNAVAILABLE' and amount = :amount
				""")
			.param("token", token)
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("now", Timestamp.from(now))
			.param("orderId", orderId)
			.param("amount", amount)
			.update() == 1;
	}

	/** Records a final outcome of a charge (or of its reconciliation). */
	boolean settle(UUID orderId, Payment.State from, Payment.State to, @Nullable String pspPaymentId,
			@Nullable String declineReason, Instant now) {
		return this.jdbc.sql("""
				update payments set state = :to, psp_payment_id = coalesce(:pspPaymentId, psp_payment_id),
				                    decline_reason = :declineReason, next_attempt_at = null, updated_at = :now
				where order_id = :orderId and state = :from
				""")
			.param("to", to.name())
			.param("pspPaymentId", pspPaymentId)
			.param("declineReason", declineReason)
			.param("now", Timestamp.from(now))
			.param("orderId", orderId)
			.param("from", from.name())
			.update() == 1;
	}

	/**
	 * Leaves the payment to the reconciler, which looks at it again at
	 * {@code nextAttemptAt}.
	 */
	boolean await(UUID orderId, Payment.State from, Payment.State to, Instant nextAttemptAt, Instant now) {
		return this.jdbc.sql("""
				update payments set state = :to, next_attempt_at = :next, updated_at = :now
				where order_id = :orderId and state = :from
				""")
			.param("to", to.name())
			.param("next", Timestamp.from(nextAttemptAt))
			.param("now", Timestamp.from(now))
			.param("orderId", orderId)
			.param("from", from.name())
			.update() == 1;
	}

	/**
	 * Claims up to {@code limit} unsettled payments that are due, counting an attempt and
	 * leasing them until {@code leaseUntil}; {@code SKIP LOCKED} lets several instances
	 * reconcile side by side without taking the same payment.
	 */
	List<Payment> claimDue(Instant now, Instant leaseUntil, int limit) {
		return this.jdbc.sql("""
				update payments set attempts = attempts + 1, next_attempt_at = :leaseUntil, updated_at = :now
				where order_id in (
				    select order_id from payments
				    where state in ('CHARGING', 'UNKNOWN', 'VOIDING') and next_attempt_at <= :now
				    order by next_attempt_at
				    limit :limit
				    for update skip locked)
				returning *
				""")
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(Payments::map)
			.list();
	}

	boolean markRefunded(UUID orderId, String refundId, Instant now) {
		return this.jdbc.sql("""
				update payments set state = 'REFUNDED', refund_id = :refundId, updated_at = :now
				where order_id = :orderId and state = 'CAPTURED'
				""")
			.param("refundId", refundId)
			.param("now", Timestamp.from(now))
			.param("orderId", orderId)
			.update() == 1;
	}

	/**
	 * Records a refund the provider reports and we did not make: only a captured payment
	 * with that provider id is changed, so a refund we recorded ourselves, or one of a
	 * payment we gave up on, changes nothing.
	 */
	boolean markRefundedAtProvider(UUID orderId, String pspPaymentId, String refundId, Instant now) {
		return this.jdbc.sql("""
				update payments set state = 'REFUNDED', refund_id = :refundId, updated_at = :now
				where order_id = :orderId and psp_payment_id = :pspPaymentId and state = 'CAPTURED'
				""")
			.param("refundId", refundId)
			.param("now", Timestamp.from(now))
			.param("orderId", orderId)
			.param("pspPaymentId", pspPaymentId)
			.update() == 1;
	}

	/** Payments whose outcome is not settled yet (charging, unknown, being voided). */
	long countUnsettled() {
		return this.jdbc.sql("select count(*) from payments where state in ('CHARGING', 'UNKNOWN', 'VOIDING')")
			.query(Long.class)
			.single();
	}

	private static Payment map(ResultSet rs, int row) throws SQLException {
		Timestamp next = rs.getTimestamp("next_attempt_at");
		return new Payment(rs.getObject("order_id", UUID.class), rs.getLong("amount"), rs.getString("currency"),
				rs.getString("card_token"), rs.getString("idempotency_key"),
				Payment.State.valueOf(rs.getString("state")), rs.getString("psp_payment_id"),
				rs.getString("decline_reason"), rs.getString("refund_id"), rs.getInt("attempts"),
				next == null ? null : next.toInstant());
	}

}
