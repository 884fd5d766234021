package dev.fortress.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.inventory.DropSoldOut;
import dev.fortress.orders.CheckoutAttempts;
import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderLine;
import dev.fortress.orders.OrderPaid;
import dev.fortress.orders.OrderPlaced;
import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.events.Origin;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers on their own: an order's events delivered out of order and twice (as
 * retries and replays do) count each order once, and the rebuild's set-based recount
 * agrees with what the listeners added up.
 */
class AnalyticsListenersTests extends IntegrationTest {

	private static final Money PRICE = new Money(1_000, "USD");

	@Autowired
	AnalyticsListeners listeners;

	@Autowired
	DropAnalytics drops;

	@Autowired
	AnalyticsRebuild rebuild;

	@Autowired
	Clock clock;

	@Test
	void eventsInAnyOrderAndTwiceCountEachOrderOnceAndTheRebuildAgrees() {
		UUID drop = Ids.newId();
		UUID paidFirst = Ids.newId();
		UUID placedFirst = Ids.newId();
		UUID cancelledBeforePaid = Ids.newId();
		UUID user = Ids.newId();

		// Paid before placed, both delivered twice.
		OrderPaid paid = paid(paidFirst, user);
		this.listeners.on(paid);
		this.listeners.on(paid);
		OrderPlaced placed = placed(paidFirst, user, drop, 2);
		this.listeners.on(placed);
		this.listeners.on(placed);
		// In order.
		this.listeners.on(placed(placedFirst, user, drop, 1));
		this.listeners.on(paid(placedFirst, user));
		// Cancelled, then paid, then placed: never counts.
		this.listeners.on(new OrderCancelled(cancelledBeforePaid, user, "CUSTOMER",
				List.of(new OrderLine("SKU", 3, PRICE)), metadata()));
		this.listeners.on(paid(cancelledBeforePaid, user));
		this.listeners.on(placed(cancelledBeforePaid, user, drop, 3));
		CheckoutAttempts attempts = new CheckoutAttempts(drop, 7, Instant.now(), Instant.now(), metadata());
		this.listeners.on(attempts);
		this.listeners.on(attempts);
		Instant opened = Instant.parse("2026-01-01T10:00:00Z");
		this.listeners.on(new DropSoldOut(drop, "SKU", 6, opened, metadata()));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.drops.find(drop)).isPresent();
			DropAnalytics.DropFigures figures = this.drops.find(drop).get();
			assertThat(figures.orders()).isEqualTo(2);
			assertThat(figures.unitsSold()).isEqualTo(3);
			assertThat(figures.revenue()).isEqualTo(3 * PRICE.amount());
			assertThat(figures.attempts()).isEqualTo(7);
			assertThat(figures.openedAt()).isEqualTo(opened);
			assertThat(figures.soldOutAt()).isNotNull();
			assertThat(this.jdbc.sql("select count(*) from analytics_events where order_id = :id")
				.param("id", paidFirst)
				.query(Integer.class)
				.single()).isEqualTo(2);
		});
		DropAnalytics.DropFigures counted = this.drops.find(drop).orElseThrow();

		this.rebuild.rebuild();

		assertThat(this.drops.find(drop)).contains(counted);
	}

	private OrderPlaced placed(UUID order, UUID user, UUID drop, int units) {
		return new OrderPlaced(order, user, drop, List.of(new OrderLine("SKU", units, PRICE)), PRICE.times(units),
				metadata());
	}

	private OrderPaid paid(UUID order, UUID user) {
		return new OrderPaid(order, user, "pay_" + order, PRICE, metadata());
	}

	private EventMetadata metadata() {
		return EventMetadata.of(Origin.NONE, this.clock);
	}

}
