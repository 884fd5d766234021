package dev.fortress.orders.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Checkout settings ({@code fortress.orders.*}).
 *
 * @param idempotencyTtl how long a key and its response are remembered
 * @param idempotencyLease how long an in-flight key is held before a retry may take it
 * over; longer than the slowest checkout (payment timeouts and retries included)
 * @param paymentSettleAfter how long an order may wait for its payment before the sweeper
 * asks the payment provider again (idempotently)
 */
@ConfigurationProperties("fortress.orders")
record OrdersProperties(Duration idempotencyTtl, Duration idempotencyLease, Duration paymentSettleAfter) {

	OrdersProperties {
		idempotencyTtl = idempotencyTtl == null ? Duration.ofHours(24) : idempotencyTtl;
		idempotencyLease = idempotencyLease == null ? Duration.ofSeconds(30) : idempotencyLease;
		paymentSettleAfter = paymentSettleAfter == null ? Duration.ofMinutes(2) : paymentSettleAfter;
	}

}
