package dev.fortress.orders.grpc;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import fortress.drop.v1.Order;
import fortress.drop.v1.OrderStatus;
import fortress.drop.v1.PlaceOrderRequest;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.fortress.support.GrpcClient;
import dev.fortress.support.GrpcIntegrationTest;
import dev.fortress.support.Http;
import dev.fortress.support.Shop;

import static dev.fortress.support.GrpcClient.bearer;
import static dev.fortress.support.GrpcClient.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A checkout whose deadline passes while it waits for a place at checkout is not run: it
 * places no order and leaves its idempotency key free. Its own context, with a checkout
 * door of one place, held by a checkout whose payment takes the provider's whole read
 * timeout (2 s).
 */
@TestPropertySource(
		properties = { "fortress.orders.admission.max-concurrent=1", "fortress.orders.admission.max-wait=10s" })
class DropGrpcDeadlineIntegrationTests extends GrpcIntegrationTest {

	private static final MethodDescriptor<PlaceOrderRequest, Order> PLACE_ORDER = DropGrpcService.SERVICE
		.method("PlaceOrder");

	@Test
	void aCheckoutWhoseDeadlinePassedWhileItWaitedAtTheDoorIsNotRun() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = new Shop(this.http, admin.accessToken()).product(10);
		Http.Response drop = this.http
			.post("/api/v1/drops", Map.of("sku", sku, "quantity", 5, "startsAt",
					Instant.now().minusSeconds(1).toString(), "perCustomerLimit", 5))
			.token(admin.accessToken())
			.send();
		assertThat(drop.status()).as(drop.toString()).isEqualTo(201);
		LoggedIn slow = loggedIn("EDITOR");
		LoggedIn late = loggedIn("EDITOR");

		CompletableFuture<Order> holding = CompletableFuture.supplyAsync(() -> this.grpc.call(PLACE_ORDER,
				order(drop.text("id"), "tok_slow"), withKey(slow, "slow-1"), Duration.ofSeconds(30)));
		// the slow checkout holds the door from the moment its order exists until its
		// payment
		// times out
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.http.get("/api/v1/orders").token(slow.accessToken()).send().json().path("items").size(),
					size -> size == 1);
		long sent = System.nanoTime();
		StatusRuntimeException expired = failure(() -> this.grpc.call(PLACE_ORDER, order(drop.text("id"), "tok_visa"),
				withKey(late, "late-1"), Duration.ofMillis(700)));
		assertThat(expired.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofMillis(1500));

		Order first = holding.get(30, TimeUnit.SECONDS);
		assertThat(first.getStatus()).isIn(OrderStatus.ORDER_STATUS_PENDING_PAYMENT, OrderStatus.ORDER_STATUS_PAID);
		// the late call got its place once the first left, and stopped there
		Thread.sleep(500);
		assertThat(this.http.get("/api/v1/orders").token(late.accessToken()).send().json().path("items").size())
			.as("no order for the expired call")
			.isZero();
		Order retried = this.grpc.call(PLACE_ORDER, order(drop.text("id"), "tok_visa"), withKey(late, "late-1"));
		assertThat(retried.getStatus()).as("the key was never claimed").isEqualTo(OrderStatus.ORDER_STATUS_PAID);
		assertThat(this.http.get("/api/v1/orders").token(late.accessToken()).send().json().path("items").size())
			.isEqualTo(1);
	}

	private static PlaceOrderRequest order(String dropId, String card) {
		return PlaceOrderRequest.newBuilder().setDropId(dropId).setQuantity(1).setPaymentToken(card).build();
	}

	private static Metadata withKey(LoggedIn buyer, String key) {
		Metadata headers = bearer(buyer.accessToken());
		headers.put(GrpcClient.IDEMPOTENCY_KEY, key);
		return headers;
	}

}
