package dev.fortress.payments;

import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test support: what the sandbox provider saw, read from its own tables the way an
 * auditor would read a provider's dashboard, and the {@code psp} circuit breaker. Tests
 * that feed the provider failures ({@code tok_error}, {@code tok_slow}) should
 * {@link #resetCircuit() reset} the breaker afterwards, so later tests start closed.
 */
public final class SandboxPsp {

	private final JdbcClient jdbc;

	private final CircuitBreakerRegistry breakers;

	public SandboxPsp(JdbcClient jdbc, CircuitBreakerRegistry breakers) {
		this.jdbc = jdbc;
		this.breakers = breakers;
	}

	/** The idempotency key the payments client uses for {@code operation} of an order. */
	public static String key(UUID orderId, String operation) {
		return "order-" + orderId + ":" + operation;
	}

	/** Requests that reached the provider with this idempotency key. */
	public int requests(String idempotencyKey) {
		return this.jdbc.sql("select count(*) from sandbox_psp_requests where idempotency_key = :key")
			.param("key", idempotencyKey)
			.query(Integer.class)
			.single();
	}

	/** Payments the provider holds for an order, by status. */
	public int payments(UUID orderId, String status) {
		return this.jdbc
			.sql("select count(*) from sandbox_psp_payments where reference = :reference and status = :status")
			.param("reference", orderId.toString())
			.param("status", status)
			.query(Integer.class)
			.single();
	}

	/** All payments the provider holds for an order. */
	public int payments(UUID orderId) {
		return this.jdbc.sql("select count(*) from sandbox_psp_payments where reference = :reference")
			.param("reference", orderId.toString())
			.query(Integer.class)
			.single();
	}

	/** Refunds the provider made for an order. */
	public int refunds(UUID orderId) {
		return this.jdbc.sql("""
				select count(*) from sandbox_psp_refunds r join sandbox_psp_payments p on p.id = r.payment_id
				where p.reference = :reference
				""").param("reference", orderId.toString()).query(Integer.class).single();
	}

	public CircuitBreaker circuit() {
		return this.breakers.circuitBreaker("psp");
	}

	public void resetCircuit() {
		circuit().reset();
	}

}
