package dev.fortress.orders.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.NewVariant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A key whose request died mid-flight is held only until its lease runs out. */
class IdempotencyLeaseTests extends IntegrationTest {

	@Autowired
	Checkout checkout;

	@Autowired
	CatalogService catalog;

	@Autowired
	JsonMapper json;

	@Autowired
	Idempotency idempotency;

	@Autowired
	ReservationStrategies strategies;

	@ParameterizedTest
	@ValueSource(strings = { "row-lock", "conditional", "batched" })
	void aRequestThatOutlivedItsLeaseCannotPlaceASecondOrderForItsKey(String strategyName) throws Exception {
		String sku = "FENCE-" + UUID.randomUUID().toString().substring(0, 8);
		this.catalog.create("Fence shoe", "Fortress", "", List.of(new NewVariant(sku, "42", new Money(700, "USD"), 5)));
		CurrentUser user = new CurrentUser(UUID.randomUUID(), Role.EDITOR);
		PlaceOrder command = new PlaceOrder(List.of(new PlaceOrder.Item(sku, 1)), null, null, "tok_visa");
		ReservationStrategy strategy = this.strategies.named(strategyName);
		// A request claims the key, then stalls past its lease (not dead, only slow).
		Idempotency.Held stale = ((Idempotency.Claim.Started) this.idempotency.claim(user.id(), "slow", hash(command)))
			.held();
		this.jdbc.sql("update idempotency_keys set locked_until = now() - interval '1 second' where user_id = :id")
			.param("id", user.id())
			.update();
		OrderView retried = this.checkout.place(user, "slow", command, strategy);
		assertThat(retried.status()).isEqualTo(OrderStatus.PAID);

		// The slow request wakes up and carries on with the key it no longer holds.
		OrderDraft late = new OrderDraft(Ids.newId(), user.id(), null,
				List.of(new OrderLine(sku, 1, new Money(700, "USD"))), new Money(700, "USD"), "tok_visa", stale, null);
		assertThat(strategy.reserve(late)).isInstanceOf(Reservation.KeyTakenOver.class);
		this.idempotency.release(stale);
		this.idempotency.completeWithProblem(stale, new ApiException(ProblemType.SOLD_OUT, "late"));

		assertThat(this.jdbc.sql("select count(*) from orders where user_id = :id")
			.param("id", user.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.checkout.place(user, "slow", command, strategy).id()).isEqualTo(retried.id());
		assertThat(this.jdbc.sql("select on_hand - reserved from stock where sku = :sku")
			.param("sku", sku)
			.query(Integer.class)
			.single()).isEqualTo(4);
	}

	private String hash(PlaceOrder command) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest(this.json.writeValueAsString(command).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aKeyLeftInFlightByADeadRequestIsTakenOverAfterItsLease() throws Exception {
		String sku = "LEASE-" + UUID.randomUUID().toString().substring(0, 8);
		this.catalog.create("Lease shoe", "Fortress", "", List.of(new NewVariant(sku, "42", new Money(700, "USD"), 2)));
		CurrentUser user = new CurrentUser(UUID.randomUUID(), Role.EDITOR);
		PlaceOrder command = new PlaceOrder(List.of(new PlaceOrder.Item(sku, 1)), null, null, "tok_visa");
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest(this.json.writeValueAsString(command).getBytes(StandardCharsets.UTF_8)));
		Instant now = Instant.now();
		this.jdbc.sql("""
				insert into idempotency_keys (user_id, key, request_hash, state, locked_until, created_at, expires_at)
				values (:userId, 'crashed', :hash, 'IN_FLIGHT', :lockedUntil, :now, :expires)
				""")
			.param("userId", user.id())
			.param("hash", hash)
			.param("lockedUntil", java.sql.Timestamp.from(now.plusSeconds(30)))
			.param("now", java.sql.Timestamp.from(now))
			.param("expires", java.sql.Timestamp.from(now.plusSeconds(86_400)))
			.update();

		assertThatThrownBy(() -> this.checkout.place(user, "crashed", command)).isInstanceOfSatisfying(
				ApiException.class, ex -> assertThat(ex.type()).isEqualTo(ProblemType.IDEMPOTENCY_KEY_IN_USE));

		this.jdbc.sql("update idempotency_keys set locked_until = now() - interval '1 second' where user_id = :id")
			.param("id", user.id())
			.update();
		OrderView order = this.checkout.place(user, "crashed", command);
		assertThat(order.status()).isEqualTo(OrderStatus.PAID);
		assertThat(this.checkout.place(user, "crashed", command).id()).isEqualTo(order.id());
	}

}
