package dev.fortress.fulfilment.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderLine;
import dev.fortress.orders.OrderPaid;
import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.events.Origin;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers on their own: a redelivered event has no second effect, and a
 * cancellation heard before the payment keeps the order from being requested.
 */
class FulfilmentListenersTests extends IntegrationTest {

	private static final Money PRICE = new Money(2_500, "USD");

	@Autowired
	FulfilmentListeners listeners;

	@Autowired
	Clock clock;

	@Test
	void redeliveriesChangeNothingAndACancellationHeardFirstWins() {
		UUID user = Ids.newId();
		UUID twice = Ids.newId();
		OrderPaid paid = paid(twice, user);
		this.listeners.on(paid);
		this.listeners.on(paid);
		UUID cancelledFirst = Ids.newId();
		this.listeners.on(cancelled(cancelledFirst, user, "CUSTOMER"));
		this.listeners.on(paid(cancelledFirst, user));
		UUID declined = Ids.newId();
		this.listeners.on(cancelled(declined, user, "PAYMENT_DECLINED"));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(statuses(twice)).containsExactly("REQUESTED");
			assertThat(statuses(cancelledFirst)).containsExactly("WITHDRAWN");
			assertThat(statuses(declined)).containsExactly("VOID");
			assertThat(this.jdbc
				.sql("select count(*) from processed_events where consumer = 'fulfilment'" + " and event_id = :id")
				.param("id", paid.metadata().id())
				.query(Integer.class)
				.single()).isEqualTo(1);
		});
		// Give a late, out-of-order OrderPaid time to do damage; it must not.
		this.listeners.on(paid(cancelledFirst, user));
		await().pollDelay(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(statuses(cancelledFirst)).containsExactly("WITHDRAWN"));
	}

	private List<String> statuses(UUID orderId) {
		return this.jdbc.sql("select status from shipments where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.list();
	}

	private OrderPaid paid(UUID order, UUID user) {
		return new OrderPaid(order, user, "pay_" + order, PRICE, EventMetadata.of(Origin.NONE, this.clock));
	}

	private OrderCancelled cancelled(UUID order, UUID user, String reason) {
		return new OrderCancelled(order, user, reason, List.of(new OrderLine("SKU", 1, PRICE)),
				EventMetadata.of(Origin.NONE, this.clock));
	}

}
