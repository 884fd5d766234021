package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.NewVariant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.inventory.DropState;
import dev.fortress.inventory.internal.InventoryService;
import dev.fortress.payments.PaymentsApi;
import dev.fortress.platform.Money;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Once an order is placed, a buyer is never told {@code 503} ("nothing happened, retry")
 * for it: when the database goes away while the order is being paid (the connection pool
 * runs dry under a burst, as measured), the answer is the placed order,
 * {@code PENDING_PAYMENT}, which the key resumes and the sweeper settles.
 */
class SettlementOutageTests extends IntegrationTest {

	@Autowired
	OrderDrafting drafting;

	@Autowired
	Idempotency idempotency;

	@Autowired
	ReservationStrategy strategy;

	@Autowired
	Orders orders;

	@Autowired
	OrderLifecycle lifecycle;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JsonMapper json;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SoldOutRefusals soldOutRefusals;

	@Autowired
	CheckoutAttemptCounter attempts;

	@Autowired
	CatalogService catalog;

	@Autowired
	InventoryService inventory;

	@Test
	void aDatabaseOutageWhilePayingAPlacedOrderAnswersTheOrderPendingNot503() {
		PaymentsApi payments = mock(PaymentsApi.class);
		when(payments.unavailableFor()).thenReturn(Optional.empty());
		when(payments.charge(any(), any(), any()))
			.thenThrow(new CannotGetJdbcConnectionException("Connection is not available, request timed out"));
		Checkout checkout = new Checkout(this.drafting, this.idempotency, this.strategy,
				new Settlement(this.orders, this.lifecycle, payments, this.idempotency, this.transactions, this.json,
						Clock.systemUTC()),
				this.orders, this.json, this.meters, payments, this.soldOutRefusals, this.attempts);
		DropState drop = drop();
		CurrentUser buyer = new CurrentUser(UUID.randomUUID(), Role.EDITOR);

		OrderView answer = checkout.place(buyer, "outage-key", new PlaceOrder(null, drop.id(), 1, "tok_visa"));

		assertThat(answer.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		assertThat(this.jdbc.sql("select status from orders where id = :id")
			.param("id", answer.id())
			.query(String.class)
			.single()).isEqualTo("PENDING_PAYMENT");
		assertThat(this.jdbc.sql("select order_id from idempotency_keys where user_id = :user")
			.param("user", buyer.id())
			.query(UUID.class)
			.single()).as("the key stays with the order, so a retry resumes it").isEqualTo(answer.id());
	}

	private DropState drop() {
		String sku = "OUTAGE-" + UUID.randomUUID().toString().substring(0, 13);
		this.catalog.create("Outage shoe", "Fortress", "",
				List.of(new NewVariant(sku, "42", new Money(1000, "USD"), 3)));
		return this.inventory.createDrop(sku, 3, Instant.now().minusSeconds(5), null, 1);
	}

}
