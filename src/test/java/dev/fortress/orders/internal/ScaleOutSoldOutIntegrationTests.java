package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.NewVariant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.inventory.DropState;
import dev.fortress.inventory.internal.InventoryService;
import dev.fortress.platform.Money;
import dev.fortress.platform.redis.RedisLink;
import dev.fortress.platform.redis.RedisPeerMessages;
import dev.fortress.platform.redis.RedisSettings;
import dev.fortress.platform.web.ApiException;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.LocalRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The application with {@code FORTRESS_REDIS_URL} and another instance's sold-out memory
 * (its own Redis connection, a TTL of a minute so that only a message can make it forget
 * within the test): the drop the application finds empty, the other learns; the order the
 * application cancels makes the other forget at once (docs/adr/0051).
 */
@TestPropertySource(properties = { "fortress.redis.url=redis://127.0.0.1:6379", "fortress.rate-limit.auth=3" })
class ScaleOutSoldOutIntegrationTests extends IntegrationTest {

	@Autowired
	Checkout checkout;

	@Autowired
	ReservationStrategies strategies;

	@Autowired
	OrderQueries queries;

	@Autowired
	CatalogService catalog;

	@Autowired
	InventoryService inventory;

	private RedisLink otherLink;

	private KnownSoldOut other;

	@BeforeEach
	void otherInstance() {
		LocalRedis.assumeAvailable();
		this.otherLink = new RedisLink(RedisSettings.of(LocalRedis.URL));
		this.other = new KnownSoldOut(new InventoryProperties("batched", 0, null, 0, Duration.ofMinutes(1)),
				new RedisPeerMessages(this.otherLink), Clock.systemUTC());
	}

	@AfterEach
	void close() {
		if (this.otherLink != null) {
			this.otherLink.close();
		}
	}

	@Test
	void aCancelHereIsForgottenThereAtOnce() {
		String sku = "SCALE-" + UUID.randomUUID().toString().substring(0, 13);
		this.catalog.create("Shared shoe", "Fortress", "",
				List.of(new NewVariant(sku, "42", new Money(1000, "USD"), 1)));
		DropState drop = this.inventory.createDrop(sku, 1, Instant.now().minusSeconds(5), null, 1);
		String key = KnownSoldOut.dropKey(drop.id());

		CurrentUser first = buyer();
		OrderView bought = this.checkout.place(first, "k1", new PlaceOrder(null, drop.id(), 1, "tok_visa"),
				this.strategies.configured());
		// The other instance subscribes in the background; refusals here keep telling it.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThatThrownBy(() -> this.checkout.place(buyer(), "k-" + UUID.randomUUID(),
					new PlaceOrder(null, drop.id(), 1, "tok_visa"), this.strategies.configured()))
				.isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.type().slug()).isEqualTo("sold-out"));
			assertThat(this.other.isSoldOut(key)).as("learned from the application").isTrue();
		});
		// The other instance reads the drop empty itself: remembered for its whole
		// minute.
		this.other.remember(key, this.other.generation());

		this.queries.cancel(bought.id(), first);

		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> !this.other.isSoldOut(key));
	}

	private static CurrentUser buyer() {
		return new CurrentUser(UUID.randomUUID(), Role.EDITOR);
	}

}
