package dev.fortress.fulfilment.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/**
 * The {@code shipments} table. An order has at most one row ({@code order_id} is unique),
 * and its status only moves forward (REQUESTED → WITHDRAWN, or straight to WITHDRAWN or
 * VOID when the cancellation is heard first), so the order in which an order's events
 * arrive does not change the outcome.
 */
@Repository
public class Shipments {

	private static final String COLUMNS = "id, order_id, user_id, amount, currency, status, requested_at, withdrawn_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	Shipments(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A paid order: a request, unless its cancellation was heard first. */
	@Transactional(propagation = Propagation.MANDATORY)
	void request(UUID orderId, UUID userId, Money total) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into shipments (id, order_id, user_id, amount, currency, status, requested_at, updated_at)
				values (:id, :orderId, :userId, :amount, :currency, 'REQUESTED', :now, :now)
				on conflict (order_id) do nothing
				""")
			.param("id", Ids.newId())
			.param("orderId", orderId)
			.param("userId", userId)
			.param("amount", total.amount())
			.param("currency", total.currency())
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * A cancelled order: its request is withdrawn. If no request exists yet, a row
	 * remembers the cancellation (WITHDRAWN when the customer cancelled, which only a
	 * paid order can be; VOID otherwise), so an {@code OrderPaid} delivered later
	 * requests nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void withdraw(UUID orderId, UUID userId, Money total, boolean byCustomer) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into shipments (id, order_id, user_id, amount, currency, status, withdrawn_at, updated_at)
				values (:id, :orderId, :userId, :amount, :currency, :status, :now, :now)
				on conflict (order_id) do update set status = 'WITHDRAWN', withdrawn_at = excluded.withdrawn_at,
				    updated_at = excluded.updated_at
				where shipments.status = 'REQUESTED'
				""")
			.param("id", Ids.newId())
			.param("orderId", orderId)
			.param("userId", userId)
			.param("amount", total.amount())
			.param("currency", total.currency())
			.param("status", byCustomer ? "WITHDRAWN" : "VOID")
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Shipments in one status, newest first. */
	@Transactional(readOnly = true)
	public CursorPage<Shipment> list(String status, @Nullable String cursor, int limit) {
		List<String> after = Cursors.decode(cursor, 1);
		String keyset = after.isEmpty() ? "" : " and id < :after";
		var query = this.jdbc
			.sql("select " + COLUMNS + " from shipments where status = :status" + keyset
					+ " order by id desc limit :limit")
			.param("status", status)
			.param("limit", limit + 1);
		if (!after.isEmpty()) {
			query = query.param("after", Cursors.uuid(after.get(0)));
		}
		List<Shipment> rows = query.query((rs, n) -> {
			Timestamp requested = rs.getTimestamp("requested_at");
			Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
			return new Shipment(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
					rs.getObject("user_id", UUID.class), new Money(rs.getLong("amount"), rs.getString("currency")),
					rs.getString("status"), (requested != null) ? requested.toInstant() : null,
					(withdrawn != null) ? withdrawn.toInstant() : null);
		}).list();
		return CursorPage.of(rows, limit, (shipment) -> Cursors.encode(shipment.id()));
	}

	/**
	 * A shipment request.
	 *
	 * @param total the order's total
	 * @param requestedAt when the paid order was handed over; null when it was cancelled
	 * before that was heard
	 */
	public record Shipment(UUID id, UUID orderId, UUID userId, Money total, String status,
			@Nullable Instant requestedAt, @Nullable Instant withdrawnAt) {
	}

}
