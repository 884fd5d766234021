package dev.fortress.orders.grpc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.google.rpc.ErrorInfo;
import fortress.drop.v1.Drop;
import fortress.drop.v1.DropAvailability;
import fortress.drop.v1.DropStatus;
import fortress.drop.v1.GetDropRequest;
import fortress.drop.v1.Order;
import fortress.drop.v1.OrderItem;
import fortress.drop.v1.OrderStatus;
import fortress.drop.v1.PlaceOrderRequest;
import fortress.drop.v1.WatchDropRequest;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.support.GrpcClient;
import dev.fortress.support.Http;
import dev.fortress.support.GrpcIntegrationTest;
import dev.fortress.support.Shop;

import static dev.fortress.support.GrpcClient.assertProblem;
import static dev.fortress.support.GrpcClient.bearer;
import static dev.fortress.support.GrpcClient.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code fortress.drop.v1.DropService} over a real gRPC channel to the running server:
 * the same answers as REST for the same data, every outcome of checkout as its status
 * code and problem type, tokens checked as on REST, deadlines, and a watch that follows a
 * drop to zero while buyers check out at once.
 */
class DropGrpcIntegrationTests extends GrpcIntegrationTest {

	private static final MethodDescriptor<GetDropRequest, Drop> GET_DROP = DropGrpcService.SERVICE.method("GetDrop");

	private static final MethodDescriptor<WatchDropRequest, DropAvailability> WATCH_DROP = DropGrpcService.SERVICE
		.method("WatchDrop");

	private static final MethodDescriptor<PlaceOrderRequest, Order> PLACE_ORDER = DropGrpcService.SERVICE
		.method("PlaceOrder");

	@Autowired
	private DropWatch watch;

	private LoggedIn admin;

	@BeforeEach
	void admin() {
		this.admin = loggedIn("ADMIN");
	}

	@Test
	void getDropAnswersWhatRestAnswers() {
		String dropId = drop(5, 2, Instant.now().minusSeconds(1));
		Drop drop = this.grpc.call(GET_DROP, GetDropRequest.newBuilder().setId(dropId).build());
		Http.Response rest = this.http.get("/api/v1/drops/" + dropId).send();
		assertThat(drop.getId()).isEqualTo(rest.text("id"));
		assertThat(drop.getSku()).isEqualTo(rest.text("sku"));
		assertThat(drop.getStatus()).isEqualTo(DropStatus.DROP_STATUS_LIVE);
		assertThat(rest.text("status")).isEqualTo("LIVE");
		assertThat(drop.getAvailable()).isEqualTo(rest.json().path("available").asInt()).isEqualTo(5);
		assertThat(drop.getQuantity()).isEqualTo(5);
		assertThat(drop.getPerCustomerLimit()).isEqualTo(2);
		assertThat(Instant.ofEpochSecond(drop.getStartsAt().getSeconds(), drop.getStartsAt().getNanos()))
			.isEqualTo(Instant.parse(rest.text("startsAt")));
		assertThat(drop.hasEndsAt()).isFalse();
	}

	@Test
	void anUnknownDropIsNotFoundWithTheCallersRequestId() {
		Metadata headers = new Metadata();
		headers.put(GrpcClient.REQUEST_ID, "trace-me-42");
		StatusRuntimeException failure = failure(() -> this.grpc.call(GET_DROP,
				GetDropRequest.newBuilder().setId(UUID.randomUUID().toString()).build(), headers));
		ErrorInfo info = assertProblem(failure, Status.Code.NOT_FOUND, "not-found");
		assertThat(info.getMetadataMap()).containsEntry("requestId", "trace-me-42")
			.containsEntry("type", "https://fortress.dev/problems/not-found");
		assertThat(failure.getTrailers().get(GrpcClient.REQUEST_ID)).isEqualTo("trace-me-42");
	}

	@Test
	void aDropIdThatIsNoUuidIsAnInvalidArgumentNamingTheField() {
		StatusRuntimeException failure = failure(
				() -> this.grpc.call(GET_DROP, GetDropRequest.newBuilder().setId("not-a-uuid").build()));
		assertProblem(failure, Status.Code.INVALID_ARGUMENT, "validation-error");
		assertThat(GrpcClient.badRequest(failure).getFieldViolations(0).getField()).isEqualTo("id");
	}

	@Test
	void placeOrderBuysFromTheDropAndTheSameKeyReplaysTheOrder() {
		String dropId = drop(3, 2, Instant.now().minusSeconds(1));
		LoggedIn buyer = loggedIn("EDITOR");
		PlaceOrderRequest request = dropOrder(dropId, 2, "tok_visa");
		Order order = this.grpc.call(PLACE_ORDER, request, buyerWithKey(buyer, "grpc-1"));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
		assertThat(order.getUserId()).isEqualTo(buyer.id().toString());
		assertThat(order.getDropId()).isEqualTo(dropId);
		assertThat(order.getItems(0).getQuantity()).isEqualTo(2);
		assertThat(order.getTotal().getAmount()).isEqualTo(14000);

		Order replay = this.grpc.call(PLACE_ORDER, request, buyerWithKey(buyer, "grpc-1"));
		assertThat(replay.getId()).isEqualTo(order.getId());
		assertThat(this.grpc.call(GET_DROP, GetDropRequest.newBuilder().setId(dropId).build()).getAvailable())
			.isEqualTo(1);
		// the order is the one REST shows
		Http.Response rest = this.http.get("/api/v1/orders/" + order.getId()).token(buyer.accessToken()).send();
		assertThat(rest.text("status")).isEqualTo("PAID");
	}

	@Test
	void anOrderOfItemsIsPlacedAsOverRest() {
		String sku = new Shop(this.http, this.admin.accessToken()).product(5);
		LoggedIn buyer = loggedIn("EDITOR");
		Order order = this.grpc.call(PLACE_ORDER,
				PlaceOrderRequest.newBuilder()
					.addItems(OrderItem.newBuilder().setSku(sku).setQuantity(2))
					.setPaymentToken("tok_visa")
					.build(),
				buyerWithKey(buyer, "items-1"));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
		assertThat(order.getDropId()).isEmpty();
		assertThat(order.getItems(0).getSku()).isEqualTo(sku);
	}

	@Test
	void checkoutWithoutATokenIsUnauthenticatedAndABadTokenIsRefusedEvenOnPublicMethods() {
		String dropId = drop(3, 1, Instant.now().minusSeconds(1));
		assertProblem(failure(() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), withKey(null, "k"))),
				Status.Code.UNAUTHENTICATED, "unauthorized");
		String forged = this.admin.accessToken().substring(0, this.admin.accessToken().length() - 4) + "AAAA";
		assertProblem(
				failure(() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), withKey(forged, "k"))),
				Status.Code.UNAUTHENTICATED, "unauthorized");
		assertProblem(failure(
				() -> this.grpc.call(GET_DROP, GetDropRequest.newBuilder().setId(dropId).build(), bearer(forged))),
				Status.Code.UNAUTHENTICATED, "unauthorized");
		assertThat(this.grpc.call(GET_DROP, GetDropRequest.newBuilder().setId(dropId).build()).getAvailable())
			.isEqualTo(3);
	}

	@Test
	void aViewerIsRefusedBeforeItsRequestIsValidated() {
		LoggedIn viewer = loggedIn("VIEWER");
		StatusRuntimeException failure = failure(() -> this.grpc.call(PLACE_ORDER,
				PlaceOrderRequest.newBuilder().setDropId("not-a-uuid").build(), buyerWithKey(viewer, "v-1")));
		assertProblem(failure, Status.Code.PERMISSION_DENIED, "forbidden");
	}

	@Test
	void invalidCheckoutsAreInvalidArgumentsAndChangeNothing() {
		String dropId = drop(3, 1, Instant.now().minusSeconds(1));
		LoggedIn buyer = loggedIn("EDITOR");
		StatusRuntimeException noKey = failure(
				() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), bearer(buyer.accessToken())));
		assertProblem(noKey, Status.Code.INVALID_ARGUMENT, "validation-error");
		assertThat(GrpcClient.badRequest(noKey).getFieldViolations(0).getField()).isEqualTo("Idempotency-Key");
		StatusRuntimeException tooMany = failure(
				() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 101, "tok_visa"), buyerWithKey(buyer, "q")));
		assertProblem(tooMany, Status.Code.INVALID_ARGUMENT, "validation-error");
		assertThat(GrpcClient.badRequest(tooMany).getFieldViolations(0).getField()).isEqualTo("quantity");
		StatusRuntimeException noToken = failure(
				() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, ""), buyerWithKey(buyer, "t")));
		assertProblem(noToken, Status.Code.INVALID_ARGUMENT, "validation-error");
		assertThat(this.grpc.call(GET_DROP, GetDropRequest.newBuilder().setId(dropId).build()).getAvailable())
			.isEqualTo(3);
		// a 400 is never stored with the key: the corrected request may use it
		Order order = this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), buyerWithKey(buyer, "q"));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
	}

	@Test
	void soldOutLimitReachedDeclinedAndKeyReuseAreTheirProblemTypes() {
		String dropId = drop(2, 1, Instant.now().minusSeconds(1));
		LoggedIn ann = loggedIn("EDITOR");
		LoggedIn bob = loggedIn("EDITOR");
		LoggedIn cat = loggedIn("EDITOR");
		this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), buyerWithKey(ann, "a-1"));

		assertProblem(
				failure(() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), buyerWithKey(ann, "a-2"))),
				Status.Code.FAILED_PRECONDITION, "conflict");
		assertProblem(failure(
				() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_declined"), buyerWithKey(bob, "b-1"))),
				Status.Code.FAILED_PRECONDITION, "payment-declined");
		assertProblem(
				failure(() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_amex"), buyerWithKey(bob, "b-1"))),
				Status.Code.ALREADY_EXISTS, "idempotency-key-reused");
		this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), buyerWithKey(bob, "b-2"));
		assertProblem(
				failure(() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), buyerWithKey(cat, "c-1"))),
				Status.Code.FAILED_PRECONDITION, "sold-out");
		Drop drop = this.grpc.call(GET_DROP, GetDropRequest.newBuilder().setId(dropId).build());
		assertThat(drop.getStatus()).isEqualTo(DropStatus.DROP_STATUS_SOLD_OUT);
		assertThat(drop.getAvailable()).isZero();
	}

	@Test
	void aWatchWhoseDeadlinePassesIsForgottenByTheServer() {
		String dropId = drop(4, 1, Instant.now().minusSeconds(1));
		Iterator<DropAvailability> stream = this.grpc.stream(WATCH_DROP,
				WatchDropRequest.newBuilder().setId(dropId).build(), new Metadata(), Duration.ofMillis(700));
		assertThat(stream.next().getAvailable()).isEqualTo(4);
		assertThat(this.watch.watching(UUID.fromString(dropId))).isEqualTo(1);
		StatusRuntimeException failure = failure(() -> stream.forEachRemaining(state -> {
		}));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.watch.watching(UUID.fromString(dropId))).isZero());
	}

	@Test
	void aCheckoutLongerThanItsDeadlineEndsForTheClientAtTheDeadline() {
		String dropId = drop(2, 1, Instant.now().minusSeconds(1));
		LoggedIn buyer = loggedIn("EDITOR");
		long started = System.nanoTime();
		StatusRuntimeException failure = failure(() -> this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_slow"),
				buyerWithKey(buyer, "slow-1"), Duration.ofMillis(500)));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void watchDropStreamsTheCounterToZeroWhileBuyersCheckOutAtOnce() throws Exception {
		int units = 12;
		String dropId = drop(units, units, Instant.now().minusSeconds(1));
		List<LoggedIn> buyers = List.of(loggedIn("EDITOR"), loggedIn("EDITOR"), loggedIn("EDITOR"));
		Iterator<DropAvailability> stream = this.grpc.stream(WATCH_DROP,
				WatchDropRequest.newBuilder().setId(dropId).build(), new Metadata(), Duration.ofSeconds(30));
		DropAvailability first = stream.next();
		assertThat(first.getAvailable()).isEqualTo(units);
		assertThat(first.getStatus()).isEqualTo(DropStatus.DROP_STATUS_LIVE);

		ExecutorService pool = Executors.newFixedThreadPool(6);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Status.Code>> checkouts = new ArrayList<>();
		for (int i = 0; i < units + 3; i++) {
			LoggedIn buyer = buyers.get(i % buyers.size());
			String key = "race-" + i;
			checkouts.add(pool.submit(() -> {
				start.await();
				try {
					this.grpc.call(PLACE_ORDER, dropOrder(dropId, 1, "tok_visa"), buyerWithKey(buyer, key));
					return Status.Code.OK;
				}
				catch (StatusRuntimeException ex) {
					return ex.getStatus().getCode();
				}
			}));
		}
		start.countDown();
		List<DropAvailability> seen = new ArrayList<>(List.of(first));
		while (seen.get(seen.size() - 1).getAvailable() > 0) {
			seen.add(stream.next());
		}
		List<Status.Code> outcomes = new ArrayList<>();
		for (Future<Status.Code> checkout : checkouts) {
			outcomes.add(checkout.get(30, TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(outcomes).filteredOn(code -> code == Status.Code.OK).hasSize(units);
		assertThat(outcomes).filteredOn(code -> code == Status.Code.FAILED_PRECONDITION).hasSize(3);
		assertThat(seen.get(seen.size() - 1).getStatus()).isEqualTo(DropStatus.DROP_STATUS_SOLD_OUT);
		assertThat(seen).extracting(DropAvailability::getAvailable).isSortedAccordingTo((a, b) -> b - a);
		assertThat(seen).as("the counter went down in steps, not from full to none").hasSizeGreaterThan(2);
	}

	private String drop(int quantity, int perCustomerLimit, Instant startsAt) {
		String sku = new Shop(this.http, this.admin.accessToken()).product(quantity + 5);
		Http.Response drop = this.http
			.post("/api/v1/drops", Map.of("sku", sku, "quantity", quantity, "startsAt", startsAt.toString(),
					"perCustomerLimit", perCustomerLimit))
			.token(this.admin.accessToken())
			.send();
		assertThat(drop.status()).as(drop.toString()).isEqualTo(201);
		return drop.text("id");
	}

	private static PlaceOrderRequest dropOrder(String dropId, int quantity, String paymentToken) {
		return PlaceOrderRequest.newBuilder()
			.setDropId(dropId)
			.setQuantity(quantity)
			.setPaymentToken(paymentToken)
			.build();
	}

	private static Metadata buyerWithKey(LoggedIn buyer, String key) {
		return withKey(buyer.accessToken(), key + "-" + buyer.id());
	}

	private static Metadata withKey(String token, String key) {
		Metadata headers = bearer(token);
		headers.put(GrpcClient.IDEMPOTENCY_KEY, key);
		return headers;
	}

}
