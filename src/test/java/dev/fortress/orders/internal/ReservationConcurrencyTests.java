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
import java.util.function.IntFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.NewVariant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.inventory.DropState;
import dev.fortress.inventory.internal.InventoryService;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each reservation strategy under real contention: real threads, the real checkout (real
 * payments through the sandbox provider over HTTP), the real database. The strategies are
 * built by {@link ReservationStrategies} from the application's beans, so all three run
 * in the one shared application context.
 */
class ReservationConcurrencyTests extends IntegrationTest {

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
	void fiveHundredBuyersForAHundredUnitsGetExactlyAHundredOrders(String strategyName) throws Exception {
		DropState drop = drop(100, 100, 1);
		Map<String, Integer> outcomes = race(500, i -> buyer(), i -> "k-" + i, drop, strategyName);
		assertThat(outcomes).containsOnlyKeys("201", "sold-out")
			.containsEntry("201", 100)
			.containsEntry("sold-out", 400);
		assertSoldOut(drop, 100);
	}

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void fiftyBuyersForTheLastUnitHaveOneWinner(String strategyName) throws Exception {
		DropState drop = drop(1, 1, 1);
		Map<String, Integer> outcomes = race(50, i -> buyer(), i -> "k-" + i, drop, strategyName);
		assertThat(outcomes).containsEntry("201", 1).containsEntry("sold-out", 49).hasSize(2);
		assertSoldOut(drop, 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void oneCustomerWithTenParallelKeysGetsOnlyTheLimit(String strategyName) throws Exception {
		DropState drop = drop(10, 10, 1);
		CurrentUser greedy = buyer();
		Map<String, Integer> outcomes = race(10, i -> greedy, i -> "greedy-" + i, drop, strategyName);
		assertThat(outcomes).containsEntry("201", 1).containsEntry("conflict", 9).hasSize(2);
		assertThat(this.jdbc.sql("select count(*) from orders where drop_id = :id")
			.param("id", drop.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.inventory.drop(drop.id()).remaining()).isEqualTo(9);
		assertThat(this.inventory.level(drop.sku()).available()).as("set aside for the drop").isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void twentyParallelRequestsWithOneKeyMakeOneOrder(String strategyName) throws Exception {
		DropState drop = drop(10, 10, 5);
		CurrentUser buyer = buyer();
		Map<String, UUID> orderIds = new ConcurrentHashMap<>();
		Map<String, Integer> outcomes = race(20, i -> buyer, i -> "same-key", drop, strategyName, orderIds);
		assertThat(outcomes.keySet()).isSubsetOf("201", "idempotency-key-in-use");
		assertThat(outcomes.get("201")).isGreaterThanOrEqualTo(1);
		assertThat(orderIds.values()).hasSize(outcomes.get("201")).containsOnly(orderIds.values().iterator().next());
		assertThat(this.jdbc.sql("select count(*) from orders where drop_id = :id")
			.param("id", drop.id())
			.query(Integer.class)
			.single()).isEqualTo(1);

		// The same key afterwards: the same order; with another body: 422.
		OrderView replay = this.checkout.place(buyer, "same-key", command(drop, 1),
				this.strategies.named(strategyName));
		assertThat(replay.id()).isEqualTo(orderIds.values().iterator().next());
		assertThat(outcome(
				() -> this.checkout.place(buyer, "same-key", command(drop, 2), this.strategies.named(strategyName))))
			.isEqualTo("idempotency-key-reused");
	}

	private Map<String, Integer> race(int buyers, IntFunction<CurrentUser> user, IntFunction<String> key,
			DropState drop, String strategyName) throws Exception {
		return race(buyers, user, key, drop, strategyName, new ConcurrentHashMap<>());
	}

	/** Starts all buyers at once; counts outcomes by status or problem slug. */
	private Map<String, Integer> race(int buyers, IntFunction<CurrentUser> user, IntFunction<String> key,
			DropState drop, String strategyName, Map<String, UUID> orderIds) throws Exception {
		ReservationStrategy strategy = this.strategies.named(strategyName);
		ExecutorService pool = Executors.newFixedThreadPool(buyers);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			CurrentUser buyer = user.apply(i);
			String idempotencyKey = key.apply(i);
			int n = i;
			results.add(pool.submit(() -> {
				start.await();
				return retryingWhenShed(() -> {
					OrderView order = this.checkout.place(buyer, idempotencyKey, command(drop, 1), strategy);
					orderIds.put("call-" + n, order.id());
					// PENDING_PAYMENT is a legitimate 201: the provider did not answer in
					// time under this
					// load, and the order settles when the charge is reconciled (checked
					// below).
					assertThat(order.status()).isIn(OrderStatus.PAID, OrderStatus.PENDING_PAYMENT);
					return order;
				});
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

	/**
	 * A buyer told {@code 503} (load shed: nothing bought, come back later) retries with
	 * the same key, as a client honouring {@code Retry-After} would; the claim under test
	 * is the outcome of the sale, not that nobody was asked to wait.
	 */
	private static String retryingWhenShed(Callable<OrderView> call) throws InterruptedException {
		for (int attempt = 0;; attempt++) {
			String outcome = outcome(call);
			if (!"service-unavailable".equals(outcome) || attempt == 20) {
				return outcome;
			}
			Thread.sleep(200);
		}
	}

	private static String outcome(Callable<OrderView> call) {
		try {
			call.call();
			return "201";
		}
		catch (ApiException ex) {
			return ex.type().slug();
		}
		catch (Exception ex) {
			return "error: " + ex;
		}
	}

	private static PlaceOrder command(DropState drop, int quantity) {
		return new PlaceOrder(null, drop.id(), quantity, "tok_visa");
	}

	private static CurrentUser buyer() {
		return new CurrentUser(UUID.randomUUID(), Role.EDITOR);
	}

	private DropState drop(int stock, int quantity, int limit) {
		String sku = "RACE-" + UUID.randomUUID().toString().substring(0, 13);
		this.catalog.create("Race shoe", "Fortress", "",
				List.of(new NewVariant(sku, "42", new Money(1000, "USD"), stock)));
		return this.inventory.createDrop(sku, quantity, Instant.now().minusSeconds(5), null, limit);
	}

	/**
	 * Right after the race: exactly {@code sold} orders and nothing left. Once every
	 * payment has settled, each unit is either sold (paid) or back on the shelf.
	 */
	private void assertSoldOut(DropState drop, int sold) {
		assertThat(ordersOf(drop)).isEqualTo(sold);
		// Each order's OrderPlaced event was stored by the registry in the order's own
		// transaction (one publication per listener: the order timeline, analytics).
		assertThat(this.jdbc.sql(
				"select count(distinct serialized_event) from event_publication where event_type like '%OrderPlaced' and serialized_event like :drop")
			.param("drop", "%" + drop.id() + "%")
			.query(Integer.class)
			.single()).isEqualTo(sold);
		assertThat(this.inventory.level(drop.sku()).available()).isZero();
		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.sql("select count(*) from orders where drop_id = :id and status = 'PENDING_PAYMENT'")
				.param("id", drop.id())
				.query(Integer.class)
				.single() == 0);
		var level = this.inventory.level(drop.sku());
		int remaining = this.inventory.drop(drop.id()).remaining();
		assertThat(level.reserved()).as("only what went back into the drop, set aside for it").isEqualTo(remaining);
		assertThat(paidOrders(drop) + level.onHand()).isEqualTo(sold);
		assertThat(remaining).isEqualTo(level.onHand());
	}

	private int ordersOf(DropState drop) {
		return this.jdbc.sql("select count(*) from orders where drop_id = :id")
			.param("id", drop.id())
			.query(Integer.class)
			.single();
	}

	private int paidOrders(DropState drop) {
		return this.jdbc.sql("select count(*) from orders where drop_id = :id and status = 'PAID'")
			.param("id", drop.id())
			.query(Integer.class)
			.single();
	}

}
