package dev.fortress.orders.internal;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.NewVariant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.platform.Money;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A capture that arrives for an order already cancelled and released (it lost a race) is
 * refunded: nobody pays for units they do not get.
 */
class LateCaptureTests extends IntegrationTest {

	@Autowired
	Checkout checkout;

	@Autowired
	Settlement settlement;

	@Autowired
	CatalogService catalog;

	@Test
	void aCaptureForAnOrderThatWasReleasedMeanwhileIsRefundedOnce() {
		String sku = "LATE-" + UUID.randomUUID().toString().substring(0, 8);
		this.catalog.create("Late shoe", "Fortress", "", List.of(new NewVariant(sku, "42", new Money(900, "USD"), 2)));
		CurrentUser user = new CurrentUser(UUID.randomUUID(), Role.EDITOR);
		OrderView order = this.checkout.place(user, "late",
				new PlaceOrder(List.of(new PlaceOrder.Item(sku, 1)), null, null, "tok_visa"));
		assertThat(order.status()).isEqualTo(OrderStatus.PAID);
		// As if the release after an "unavailable" answer had won the race against the
		// charge that then went through: cancelled, released, yet captured.
		this.jdbc.sql("update orders set status = 'CANCELLED', cancel_reason = 'PAYMENT_UNAVAILABLE' where id = :id")
			.param("id", order.id())
			.update();

		this.settlement.reconciled(order.id(), true, order.paymentId());
		this.settlement.reconciled(order.id(), true, order.paymentId());

		assertThat(this.jdbc.sql("select state from payments where order_id = :id")
			.param("id", order.id())
			.query(String.class)
			.single()).isEqualTo("REFUNDED");
		assertThat(this.jdbc.sql("select refund_id from orders where id = :id")
			.param("id", order.id())
			.query(String.class)
			.single()).isNotNull();
		assertThat(this.jdbc
			.sql("select count(*) from sandbox_psp_refunds r join payments p "
					+ "on r.payment_id = p.psp_payment_id where p.order_id = :id")
			.param("id", order.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
