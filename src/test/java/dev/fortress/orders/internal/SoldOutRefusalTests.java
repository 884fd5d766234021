package dev.fortress.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

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
import dev.fortress.support.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sold-out fast path (docs/adr/0036) for each strategy: once a drop is known to be
 * empty, a refusal writes nothing and reads at most the caller's key; a key that holds an
 * answer still replays it; units coming back make the drop buyable at once.
 */
class SoldOutRefusalTests extends IntegrationTest {

	@Autowired
	Checkout checkout;

	@Autowired
	ReservationStrategies strategies;

	@Autowired
	KnownSoldOut soldOut;

	@Autowired
	CatalogService catalog;

	@Autowired
	InventoryService inventory;

	@Autowired
	OrderQueries queries;

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void anEmptyDropIsRefusedWithoutWritingAnything(String strategyName) {
		DropState drop = emptiedDrop(strategyName, buyer());
		assertThat(this.soldOut.isSoldOut("drop:" + drop.id())).as("remembered as empty").isTrue();
		int orders = ordersOf(drop);

		CurrentUser late = buyer();
		String requestId = "sold-out-" + UUID.randomUUID();
		rememberAfresh(drop);
		String outcome = withRequestId(requestId, () -> place(late, "late-key", drop, 1, strategyName));

		assertThat(outcome).isEqualTo("sold-out");
		assertThat(keysOf(late)).as("a refusal from memory is not stored with the key").isZero();
		assertThat(ordersOf(drop)).isEqualTo(orders);
		// The key's read; and a re-read of the drop only if this machine stalled for
		// most of the TTL since the entry was written.
		assertThat(StatementCounter.count(requestId)).as("statements").isBetween(1, 2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void aKeyThatHoldsAnOrderStillReplaysItOnceTheDropIsEmpty(String strategyName) {
		CurrentUser first = buyer();
		DropState drop = drop();
		OrderView bought = this.checkout.place(first, "first-key", command(drop, 1),
				this.strategies.named(strategyName));
		assertThat(place(buyer(), "k", drop, 1, strategyName)).isEqualTo("sold-out");
		assertThat(this.soldOut.isSoldOut("drop:" + drop.id())).isTrue();

		rememberAfresh(drop);
		OrderView replayed = this.checkout.place(first, "first-key", command(drop, 1),
				this.strategies.named(strategyName));
		assertThat(replayed.id()).isEqualTo(bought.id());
		assertThat(place(first, "first-key", drop, 2, strategyName)).isEqualTo("idempotency-key-reused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void invalidRequestsAreStill400AndUnknownDrops404(String strategyName) {
		DropState drop = emptiedDrop(strategyName, buyer());
		CurrentUser buyer = buyer();
		rememberAfresh(drop);
		assertThat(place(buyer, "bad", drop, 0, strategyName)).isEqualTo("validation-error");
		assertThat(outcome(() -> this.checkout.place(buyer, "bad", new PlaceOrder(null, drop.id(), 1, "not a token"),
				this.strategies.named(strategyName))))
			.isEqualTo("validation-error");
		assertThat(outcome(() -> this.checkout.place(buyer, "unknown",
				new PlaceOrder(null, UUID.randomUUID(), 1, "tok_visa"), this.strategies.named(strategyName))))
			.isEqualTo("not-found");
		assertThat(keysOf(buyer)).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void unitsComingBackMakeTheDropBuyableAtOnce(String strategyName) {
		CurrentUser first = buyer();
		DropState drop = drop();
		OrderView bought = this.checkout.place(first, "first-key", command(drop, 1),
				this.strategies.named(strategyName));
		assertThat(bought.status()).isEqualTo(OrderStatus.PAID);
		assertThat(place(buyer(), "k", drop, 1, strategyName)).isEqualTo("sold-out");
		assertThat(this.soldOut.isSoldOut("drop:" + drop.id())).isTrue();

		this.queries.cancel(bought.id(), first);

		assertThat(this.soldOut.isSoldOut("drop:" + drop.id())).isFalse();
		assertThat(place(buyer(), "again", drop, 1, strategyName)).isEqualTo("201");
	}

	/** A drop of one unit, bought by {@code first}, then refused once (remembered). */
	private DropState emptiedDrop(String strategyName, CurrentUser first) {
		DropState drop = drop();
		assertThat(place(first, "first-key", drop, 1, strategyName)).isEqualTo("201");
		assertThat(place(buyer(), "k", drop, 1, strategyName)).isEqualTo("sold-out");
		return drop;
	}

	/**
	 * The strategy remembered the drop already (asserted where it matters); remembering
	 * it again gives the request under test a whole TTL, however slow this machine is.
	 */
	private void rememberAfresh(DropState drop) {
		this.soldOut.remember(KnownSoldOut.dropKey(drop.id()), this.soldOut.generation());
	}

	private int ordersOf(DropState drop) {
		return this.jdbc.sql("select count(*) from orders where drop_id = :id")
			.param("id", drop.id())
			.query(Integer.class)
			.single();
	}

	private String place(CurrentUser user, String key, DropState drop, int quantity, String strategyName) {
		return outcome(
				() -> this.checkout.place(user, key, command(drop, quantity), this.strategies.named(strategyName)));
	}

	private static String withRequestId(String requestId, Callable<String> call) {
		MDC.put("requestId", requestId);
		try {
			return call.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			MDC.remove("requestId");
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

	private int keysOf(CurrentUser user) {
		return this.jdbc.sql("select count(*) from idempotency_keys where user_id = :id")
			.param("id", user.id())
			.query(Integer.class)
			.single();
	}

	private static PlaceOrder command(DropState drop, int quantity) {
		return new PlaceOrder(null, drop.id(), quantity, "tok_visa");
	}

	private static CurrentUser buyer() {
		return new CurrentUser(UUID.randomUUID(), Role.EDITOR);
	}

	private DropState drop() {
		String sku = "EMPTY-" + UUID.randomUUID().toString().substring(0, 13);
		this.catalog.create("Sold-out shoe", "Fortress", "",
				List.of(new NewVariant(sku, "42", new Money(1000, "USD"), 1)));
		return this.inventory.createDrop(sku, 1, Instant.now().minusSeconds(5), null, 1);
	}

}
