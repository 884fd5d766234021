package dev.fortress.orders.internal;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gets the refunds of {@code REFUNDING} orders through: every interval
 * ({@code fortress.orders.refund-retry-interval}, 10 s) it asks the provider again for
 * each waiting order's refund, with the same idempotency key (derived from the order id),
 * so a refund the provider made although its answer timed out is answered again, never
 * made twice. Each order is retried in its own transaction under its row lock, so a
 * customer cancelling again at the same moment, or another instance's retrier, waits and
 * then finds it cancelled. While the provider stays unreachable an order simply waits for
 * the next round (the circuit breaker answers at once meanwhile).
 */
@Component
class RefundRetrier {

	private static final Logger log = LoggerFactory.getLogger(RefundRetrier.class);

	private static final int BATCH = 100;

	private final Orders orders;

	private final Cancellation cancellation;

	RefundRetrier(Orders orders, Cancellation cancellation) {
		this.orders = orders;
		this.cancellation = cancellation;
	}

	@Scheduled(fixedDelayString = "${fortress.orders.refund-retry-interval:10s}",
			initialDelayString = "${fortress.orders.refund-retry-interval:10s}")
	void retry() {
		for (UUID orderId : this.orders.refunding(BATCH)) {
			try {
				if (this.cancellation.retry(orderId)) {
					log.info("Order {}: refunded and cancelled on retry", orderId);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Order {}: refund retry failed, next round will try again: {}", orderId, ex.getMessage());
			}
		}
	}

}
