package dev.fortress.payments.sandbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sandbox provider's ledger and card rules. Test tokens decide the outcome:
 * {@code tok_visa} and {@code tok_slow} are approved, {@code tok_declined} is declined,
 * {@code tok_error} fails with a server error; any other token is invalid.
 */
final class SandboxPayments {

	/** The advisory lock that puts refunds, and so their feed positions, in one line. */
	private static final long REFUND_FEED_LOCK = 0x5A4E_D8B0_0001L;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JsonMapper json;

	SandboxPayments(SandboxDatabase database, Clock clock, JsonMapper json) {
		this.jdbc = database.jdbc();
		this.clock = clock;
		this.json = json;
	}

	SandboxResponse authorize(AuthorizeRequest request) {
		return switch (request.token()) {
			case "tok_visa", "tok_slow" -> new SandboxResponse(201, render(insert(request, "AUTHORIZED", null)));
			case "tok_declined" -> new SandboxResponse(402, render(insert(request, "DECLINED", "card_declined")));
			case "tok_error" -> SandboxResponse.error(500, "internal_error", "The card network failed");
			default -> SandboxResponse.error(400, "invalid_token", "No such card token");
		};
	}

	SandboxResponse capture(String paymentId) {
		return transition(paymentId, "AUTHORIZED", "CAPTURED", 200);
	}

	SandboxResponse cancel(String paymentId) {
		return transition(paymentId, "AUTHORIZED", "CANCELED", 200);
	}

	SandboxResponse refund(String paymentId) {
		Optional<Payment> found = find(paymentId, true);
		if (found.isEmpty()) {
			return SandboxResponse.error(404, "no_such_payment", "No such payment");
		}
		Payment payment = found.get();
		if (!"CAPTURED".equals(payment.status())) {
			return SandboxResponse.error(409, "invalid_state", "Only a captured payment can be refunded");
		}
		String refundId = "re_" + UUID.randomUUID().toString().replace("-", "");
		Timestamp now = Timestamp.from(this.clock.instant());
		// One refund at a time: each takes its feed position and commits before the next
		// takes one, so a reader of the feed never sees a later position before an
		// earlier.
		this.jdbc.sql("select pg_advisory_xact_lock(:lock)")
			.param("lock", REFUND_FEED_LOCK)
			.query((rs, row) -> 1)
			.list();
		this.jdbc.sql("""
				insert into sandbox_psp_refunds (id, payment_id, amount, created_at)
				values (:id, :paymentId, :amount, :now)
				""")
			.param("id", refundId)
			.param("paymentId", paymentId)
			.param("amount", payment.amount())
			.param("now", now)
			.update();
		setStatus(paymentId, "REFUNDED");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", refundId);
		body.put("paymentId", paymentId);
		body.put("amount", payment.amount());
		body.put("currency", payment.currency());
		body.put("status", "SUCCEEDED");
		return new SandboxResponse(201, this.json.writeValueAsString(body));
	}

	SandboxResponse get(String paymentId) {
		return find(paymentId, false).map(payment -> new SandboxResponse(200, render(payment)))
			.orElseGet(() -> SandboxResponse.error(404, "no_such_payment", "No such payment"));
	}

	SandboxResponse findByReference(String reference) {
		List<Map<String, Object>> data = this.jdbc
			.sql("select * from sandbox_psp_payments where reference = :reference order by created_at")
			.param("reference", reference)
			.query(Payment.class)
			.list()
			.stream()
			.map(SandboxPayments::view)
			.toList();
		return new SandboxResponse(200, this.json.writeValueAsString(Map.of("data", data)));
	}

	/**
	 * The refunds feed: refunds in the order they were made, after position
	 * {@code after}. A client that remembers the last position it saw learns of every
	 * refund once, including refunds made by someone else (say, in the provider's
	 * dashboard).
	 */
	SandboxResponse refundsAfter(long after, int limit) {
		List<Map<String, Object>> data = this.jdbc.sql("""
				select r.seq, r.id, r.payment_id, r.amount, p.reference, p.currency, r.created_at
				from sandbox_psp_refunds r join sandbox_psp_payments p on p.id = r.payment_id
				where r.seq > :after order by r.seq limit :limit
				""").param("after", after).param("limit", limit).query((rs, row) -> {
			Map<String, Object> refund = new LinkedHashMap<>();
			refund.put("position", rs.getLong("seq"));
			refund.put("id", rs.getString("id"));
			refund.put("paymentId", rs.getString("payment_id"));
			refund.put("reference", rs.getString("reference"));
			refund.put("amount", rs.getLong("amount"));
			refund.put("currency", rs.getString("currency"));
			refund.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
			return refund;
		}).list();
		return new SandboxResponse(200, this.json.writeValueAsString(Map.of("data", data)));
	}

	private SandboxResponse transition(String paymentId, String from, String to, int status) {
		Optional<Payment> found = find(paymentId, true);
		if (found.isEmpty()) {
			return SandboxResponse.error(404, "no_such_payment", "No such payment");
		}
		Payment payment = found.get();
		if (payment.status().equals(from)) {
			setStatus(paymentId, to);
			return new SandboxResponse(status, render(find(paymentId, false).orElseThrow()));
		}
		if (payment.status().equals(to)) {
			return new SandboxResponse(status, render(payment));
		}
		return SandboxResponse.error(409, "invalid_state", "The payment is " + payment.status());
	}

	private Payment insert(AuthorizeRequest request, String status, String declineCode) {
		String id = "pay_" + UUID.randomUUID().toString().replace("-", "");
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc
			.sql("""
					insert into sandbox_psp_payments (id, reference, amount, currency, status, decline_code, created_at, updated_at)
					values (:id, :reference, :amount, :currency, :status, :declineCode, :now, :now)
					""")
			.param("id", id)
			.param("reference", request.reference())
			.param("amount", request.amount())
			.param("currency", request.currency())
			.param("status", status)
			.param("declineCode", declineCode)
			.param("now", now)
			.update();
		return find(id, false).orElseThrow();
	}

	private Optional<Payment> find(String paymentId, boolean forUpdate) {
		String sql = forUpdate ? "select * from sandbox_psp_payments where id = :id for update"
				: "select * from sandbox_psp_payments where id = :id";
		return this.jdbc.sql(sql).param("id", paymentId).query(Payment.class).optional();
	}

	private void setStatus(String paymentId, String status) {
		this.jdbc.sql("update sandbox_psp_payments set status = :status, updated_at = :now where id = :id")
			.param("status", status)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", paymentId)
			.update();
	}

	private String render(Payment payment) {
		return this.json.writeValueAsString(view(payment));
	}

	private static Map<String, Object> view(Payment payment) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", payment.id());
		view.put("reference", payment.reference());
		view.put("amount", payment.amount());
		view.put("currency", payment.currency());
		view.put("status", payment.status());
		view.put("declineCode", payment.declineCode());
		return view;
	}

	record Payment(String id, String reference, long amount, String currency, String status, String declineCode) {
	}

}
