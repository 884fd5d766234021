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
 * @param admission how many checkouts run at once ({@link CheckoutAdmission})
 */
@ConfigurationProperties("fortress.orders")
record OrdersProperties(Duration idempotencyTtl, Duration idempotencyLease, Duration paymentSettleAfter,
		Admission admission) {

	OrdersProperties {
		idempotencyTtl = idempotencyTtl == null ? Duration.ofHours(24) : idempotencyTtl;
		idempotencyLease = idempotencyLease == null ? Duration.ofSeconds(30) : idempotencyLease;
		paymentSettleAfter = paymentSettleAfter == null ? Duration.ofMinutes(2) : paymentSettleAfter;
		admission = admission == null ? new Admission(null, null, null) : admission;
	}

	/**
	 * @param maxConcurrent checkouts running at once: enough to keep the connection pool
	 * and the reservation writer busy, few enough that they never queue for connections
	 * @param maxWait how long a buyer waits for a place before {@code 503}
	 * @param retryAfter what the {@code 503} tells the buyer
	 */
	record Admission(Integer maxConcurrent, Duration maxWait, Duration retryAfter) {

		Admission {
			maxConcurrent = maxConcurrent == null ? 48 : maxConcurrent;
			maxWait = maxWait == null ? Duration.ofSeconds(2) : maxWait;
			retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
			if (maxConcurrent < 1 || maxWait.isNegative() || retryAfter.isNegative()) {
				throw new IllegalArgumentException(
						"fortress.orders.admission: max-concurrent must be positive, max-wait and retry-after not negative");
			}
		}

	}

}
