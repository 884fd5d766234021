package dev.fortress.orders.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.NewVariant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.inventory.DropState;
import dev.fortress.inventory.StockLevel;
import dev.fortress.inventory.internal.InventoryService;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A drop's units are set aside from the SKU's stock when the drop is created: the only
 * way to buy them is the drop, with its window and per-customer limit. Plain
 * {@code items} orders buy the stock outside the drop, and nothing else. Real threads,
 * the real checkout and database, for each reservation strategy. The shoes are free, so
 * no payment call stands between the reservation and the answer: what is raced is the
 * reservation.
 */
class DropAllocationTests extends IntegrationTest {

	@Autowired
	Checkout checkout;

	@Autowired
	ReservationStrategies strategies;

	@Autowired
	CatalogService catalog;

	@Autowired
	InventoryService inventory;

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void itemOrdersBeforeTheDropStartsSellNothingOfTheDropsUnits(String strategy) throws Exception {
		DropState drop = drop(15, 10, 2, Instant.now().plusSeconds(3600));
		List<Callable<String>> buyers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			CurrentUser buyer = buyer();
			buyers.add(() -> outcome(buyer, items(drop, 1), strategy));
			buyers.add(() -> outcome(buyer, fromDrop(drop, 1), strategy));
		}
		Map<String, Integer> outcomes = race(buyers);

		// The five units outside the drop sell; the drop's ten and its window hold.
		assertThat(outcomes).containsOnlyKeys("201", "sold-out").containsEntry("201", 5).containsEntry("sold-out", 75);
		assertThat(unitsOrdered(drop.sku())).isEqualTo(5);
		assertThat(this.inventory.drop(drop.id()).remaining()).isEqualTo(10);
		StockLevel stock = settled(drop.sku());
		assertThat(stock.reserved()).as("the drop's units stay set aside").isEqualTo(10);
		assertThat(stock.available()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void oneCustomersItemAndDropOrdersTogetherNeverExceedTheLimit(String strategy) throws Exception {
		DropState drop = drop(10, 10, 2, Instant.now().minusSeconds(5));
		CurrentUser greedy = buyer();
		List<Callable<String>> attempts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			attempts.add(() -> outcome(greedy, fromDrop(drop, 1), strategy));
			attempts.add(() -> outcome(greedy, items(drop, 5), strategy));
			attempts.add(() -> outcome(greedy, items(drop, 1), strategy));
		}
		Map<String, Integer> outcomes = race(attempts);

		assertThat(outcomes).containsEntry("201", 2);
		assertThat(unitsOrderedBy(greedy, drop.sku())).isEqualTo(2);
		assertThat(this.inventory.drop(drop.id()).remaining()).isEqualTo(8);
	}

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void theStockOutsideALiveDropSellsApartFromIt(String strategy) throws Exception {
		DropState drop = drop(14, 10, 1, Instant.now().minusSeconds(5));
		List<Callable<String>> buyers = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			CurrentUser buyer = buyer();
			buyers.add(() -> outcome(buyer, items(drop, 1), strategy));
			CurrentUser dropBuyer = buyer();
			buyers.add(() -> outcome(dropBuyer, fromDrop(drop, 1), strategy));
		}
		Map<String, Integer> outcomes = race(buyers);

		assertThat(outcomes).containsOnlyKeys("201", "sold-out").containsEntry("201", 14);
		assertThat(this.jdbc.sql("select count(*) from orders where drop_id = :id")
			.param("id", drop.id())
			.query(Integer.class)
			.single()).as("orders from the drop").isEqualTo(10);
		assertThat(unitsOrdered(drop.sku())).as("units sold in all").isEqualTo(14);
		assertThat(this.inventory.drop(drop.id()).remaining()).isZero();
	}

	private String outcome(CurrentUser buyer, PlaceOrder command, String strategy) {
		try {
			OrderView order = this.checkout.place(buyer, UUID.randomUUID().toString(), command,
					this.strategies.named(strategy));
			assertThat(order.status()).isIn(OrderStatus.PAID, OrderStatus.PENDING_PAYMENT);
			return "201";
		}
		catch (ApiException ex) {
			return ex.type().slug();
		}
	}

	/** Starts every call at once; counts outcomes by status or problem slug. */
	private static Map<String, Integer> race(List<Callable<String>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> results = new ArrayList<>();
		for (Callable<String> call : calls) {
			results.add(pool.submit(() -> {
				start.await();
				return call.call();
			}));
		}
		start.countDown();
		Map<String, Integer> outcomes = new ConcurrentHashMap<>();
		for (Future<String> result : results) {
			outcomes.merge(result.get(), 1, Integer::sum);
		}
		pool.shutdown();
		return outcomes;
	}

	private static PlaceOrder items(DropState drop, int quantity) {
		return new PlaceOrder(List.of(new PlaceOrder.Item(drop.sku(), quantity)), null, null, "tok_visa");
	}

	private static PlaceOrder fromDrop(DropState drop, int quantity) {
		return new PlaceOrder(null, drop.id(), quantity, "tok_visa");
	}

	private static CurrentUser buyer() {
		return new CurrentUser(UUID.randomUUID(), Role.EDITOR);
	}

	private DropState drop(int stock, int quantity, int limit, Instant startsAt) {
		String sku = "ALLOT-" + UUID.randomUUID().toString().substring(0, 12);
		this.catalog.create("Allotted shoe", "Fortress", "",
				List.of(new NewVariant(sku, "42", new Money(0, "USD"), stock)));
		return this.inventory.createDrop(sku, quantity, startsAt, null, limit);
	}

	/** Units in orders of the SKU that were not released (pending or paid). */
	private int unitsOrdered(String sku) {
		return this.jdbc.sql("""
				select coalesce(sum(l.quantity), 0) from order_lines l join orders o on o.id = l.order_id
				where l.sku = :sku and o.status <> 'CANCELLED'
				""").param("sku", sku).query(Integer.class).single();
	}

	private int unitsOrderedBy(CurrentUser user, String sku) {
		return this.jdbc.sql("""
				select coalesce(sum(l.quantity), 0) from order_lines l join orders o on o.id = l.order_id
				where l.sku = :sku and o.user_id = :userId and o.status <> 'CANCELLED'
				""").param("sku", sku).param("userId", user.id()).query(Integer.class).single();
	}

	/** The SKU's stock once no order of it waits for its payment any more. */
	private StockLevel settled(String sku) {
		await().atMost(Duration.ofSeconds(90)).until(() -> this.jdbc.sql("""
				select count(*) from orders o join order_lines l on l.order_id = o.id
				where l.sku = :sku and o.status = 'PENDING_PAYMENT'
				""").param("sku", sku).query(Integer.class).single() == 0);
		return this.inventory.level(sku);
	}

}
