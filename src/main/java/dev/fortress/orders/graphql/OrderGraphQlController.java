package dev.fortress.orders.graphql;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import dev.fortress.identity.CurrentUser;
import dev.fortress.orders.internal.Checkout;
import dev.fortress.orders.internal.CheckoutAdmission;
import dev.fortress.orders.internal.OrderQueries;
import dev.fortress.orders.internal.OrderView;
import dev.fortress.orders.internal.PlaceOrder;
import dev.fortress.platform.graphql.Connection;
import dev.fortress.platform.graphql.Inputs;
import dev.fortress.platform.graphql.PageArguments;
import dev.fortress.platform.web.ApiException;

/**
 * Orders over GraphQL. An order's items come with the order (one statement), so they need
 * no loader. Checkout checks its own input (the limits of {@link PlaceOrder}), as it does
 * for REST; the role rule comes first, as on REST, so a viewer learns nothing about its
 * input.
 */
@Controller
class OrderGraphQlController {

	private final Checkout checkout;

	private final CheckoutAdmission admission;

	private final OrderQueries queries;

	OrderGraphQlController(Checkout checkout, CheckoutAdmission admission, OrderQueries queries) {
		this.checkout = checkout;
		this.admission = admission;
		this.queries = queries;
	}

	@QueryMapping
	Connection<OrderView> orders(@Argument @Nullable Integer first, @Argument @Nullable String after,
			CurrentUser caller) {
		PageArguments page = PageArguments.of(first, after);
		return Connection.read(page, (cursor, limit) -> this.queries.list(caller, cursor, limit));
	}

	@QueryMapping
	OrderView order(@Argument String id, CurrentUser caller) {
		return this.queries.get(Inputs.requiredUuid("id", id), caller);
	}

	@SchemaMapping(typeName = "Order", field = "items")
	Connection<OrderView.Item> items(OrderView order, @Argument @Nullable Integer first,
			@Argument @Nullable String after) {
		return Connection.ofList(PageArguments.of(first, after), order.items());
	}

	@MutationMapping
	OrderView placeOrder(@Argument String idempotencyKey, @Argument Map<String, Object> input, CurrentUser caller) {
		refuseViewers(caller);
		List<Map<String, Object>> items = Inputs.get(input, "items");
		PlaceOrder command = new PlaceOrder(
				items == null ? null : items.stream()
					.map(item -> new PlaceOrder.Item(Inputs.get(item, "sku"), Inputs.<Integer>get(item, "quantity")))
					.toList(),
				Inputs.uuid("dropId", input.get("dropId")), Inputs.get(input, "quantity"),
				Inputs.get(input, "paymentToken"));
		return this.admission.admit(() -> this.checkout.place(caller, idempotencyKey, command));
	}

	@MutationMapping
	OrderView cancelOrder(@Argument String id, CurrentUser caller) {
		refuseViewers(caller);
		return this.queries.cancel(Inputs.requiredUuid("id", id), caller);
	}

	/** The REST endpoints' role rule (EDITOR or ADMIN), before the input is read. */
	private static void refuseViewers(CurrentUser caller) {
		if (caller.isReadOnly()) {
			throw ApiException.forbidden("Viewers are read-only");
		}
	}

}
