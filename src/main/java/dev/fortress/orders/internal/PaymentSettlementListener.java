package dev.fortress.orders.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.fortress.payments.PaymentReconciled;

/**
 * No order stays reserved forever: a reconciled charge settles its order, and a sweeper
 * re-drives orders that waited too long for their payment (a process died between the
 * reservation and the charge, or an event got lost). Re-driving is safe because the
 * payments module answers a repeated charge of the same order from its own record and the
 * provider's idempotency key.
 */
@Component
class PaymentSettlementListener {

	private static final Logger log = LoggerFactory.getLogger(PaymentSettlementListener.class);

	private final Settlement settlement;

	private final Orders orders;

	private final OrdersProperties properties;

	private final Clock clock;

	PaymentSettlementListener(Settlement settlement, Orders orders, OrdersProperties properties, Clock clock) {
		this.settlement = settlement;
		this.orders = orders;
		this.properties = properties;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(PaymentReconciled event) {
		this.settlement.reconciled(event.orderId(), event.captured(), event.paymentId());
	}

	@Scheduled(fixedDelayString = "${fortress.orders.sweep-interval:30s}",
			initialDelayString = "${fortress.orders.sweep-interval:30s}")
	void sweep() {
		for (Order order : this.orders.pendingSince(this.clock.instant().minus(this.properties.paymentSettleAfter()),
				50)) {
			try {
				Settlement.Result result = this.settlement.pay(order, null);
				log.info("Stale order {} re-driven: {}", order.id(),
						result instanceof Settlement.Result.Settled settled ? settled.order().status() : result);
			}
			catch (RuntimeException ex) {
				log.warn("Could not settle stale order {}", order.id(), ex);
			}
		}
	}

}
