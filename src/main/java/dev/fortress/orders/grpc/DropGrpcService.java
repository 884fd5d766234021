package dev.fortress.orders.grpc;

import java.util.UUID;

import fortress.drop.v1.Drop;
import fortress.drop.v1.DropAvailability;
import fortress.drop.v1.DropProto;
import fortress.drop.v1.GetDropRequest;
import fortress.drop.v1.Order;
import fortress.drop.v1.PlaceOrderRequest;
import fortress.drop.v1.WatchDropRequest;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import org.springframework.stereotype.Component;

import dev.fortress.identity.CurrentUser;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.orders.internal.Checkout;
import dev.fortress.orders.internal.CheckoutAdmission;
import dev.fortress.orders.internal.OrderView;
import dev.fortress.orders.internal.PlaceOrder;
import dev.fortress.platform.grpc.GrpcCalls;
import dev.fortress.platform.grpc.ProtoFields;
import dev.fortress.platform.grpc.ProtoService;

/**
 * {@code fortress.drop.v1.DropService}: the drop reads of {@code GET /api/v1/drops/{id}}
 * and checkout of {@code POST /api/v1/orders} over gRPC, through the same inventory
 * reads, the same admission door and the same {@link Checkout}, so every outcome is
 * REST's (mapped to a status code by the platform's {@code GrpcProblems}). It lives in
 * orders because checkout does; the drop reads come through inventory's public API.
 * <p>
 * Deadlines: a call whose deadline passed (or whose client gave up) while it waited for a
 * place at checkout is not run, so it claims no key and reserves nothing. Once checkout
 * has started it runs to its end, as a REST request whose client hung up does: the key
 * then holds the outcome, and a retry with the same key gets it.
 */
@Component
class DropGrpcService implements BindableService {

	static final ProtoService SERVICE = ProtoService.of(DropProto.getDescriptor(), "DropService");

	static final Metadata.Key<String> IDEMPOTENCY_KEY = Metadata.Key.of("idempotency-key",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Context.Key<String> KEY = Context.key("idempotency-key");

	private final InventoryApi inventory;

	private final DropWatch watch;

	private final Checkout checkout;

	private final CheckoutAdmission admission;

	private final java.time.Clock clock;

	DropGrpcService(InventoryApi inventory, DropWatch watch, Checkout checkout, CheckoutAdmission admission,
			java.time.Clock clock) {
		this.inventory = inventory;
		this.watch = watch;
		this.checkout = checkout;
		this.admission = admission;
		this.clock = clock;
	}

	@Override
	public ServerServiceDefinition bindService() {
		ServerServiceDefinition definition = SERVICE.bind()
			.<GetDropRequest, Drop>unary("GetDrop", this::getDrop)
			.<WatchDropRequest, DropAvailability>serverStreaming("WatchDrop", this::watchDrop)
			.<PlaceOrderRequest, Order>unary("PlaceOrder", this::placeOrder)
			.build();
		return ServerInterceptors.intercept(definition, new IdempotencyKeyReader());
	}

	void getDrop(GetDropRequest request, StreamObserver<Drop> response) {
		UUID id = ProtoFields.uuid("id", request.getId());
		GrpcCalls.requireLive();
		response.onNext(DropMessages.drop(this.inventory.publicDrop(id), this.clock.instant()));
		response.onCompleted();
	}

	void watchDrop(WatchDropRequest request, StreamObserver<DropAvailability> response) {
		UUID id = ProtoFields.uuid("id", request.getId());
		GrpcCalls.requireLive();
		this.watch.watch(id, (ServerCallStreamObserver<DropAvailability>) response);
	}

	void placeOrder(PlaceOrderRequest request, StreamObserver<Order> response) {
		CurrentUser user = CurrentUser.current();
		this.checkout.authorize(user);
		PlaceOrder command = DropMessages.command(request);
		String key = KEY.get();
		OrderView order = this.admission.admit(() -> {
			GrpcCalls.requireLive();
			return this.checkout.place(user, key, command);
		});
		response.onNext(DropMessages.order(order));
		response.onCompleted();
	}

	/** Hands the {@code idempotency-key} metadata to the handler through the context. */
	private static final class IdempotencyKeyReader implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			String key = headers.get(IDEMPOTENCY_KEY);
			if (key == null) {
				return next.startCall(call, headers);
			}
			return Contexts.interceptCall(Context.current().withValue(KEY, key), call, headers, next);
		}

	}

}
