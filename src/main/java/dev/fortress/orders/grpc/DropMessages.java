package dev.fortress.orders.grpc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import fortress.drop.v1.Drop;
import fortress.drop.v1.DropAvailability;
import fortress.drop.v1.DropStatus;
import fortress.drop.v1.Money;
import fortress.drop.v1.Order;
import fortress.drop.v1.OrderItem;
import fortress.drop.v1.OrderLine;
import fortress.drop.v1.OrderStatus;
import fortress.drop.v1.PlaceOrderRequest;

import dev.fortress.inventory.DropState;
import dev.fortress.orders.internal.OrderView;
import dev.fortress.orders.internal.PlaceOrder;
import dev.fortress.platform.grpc.ProtoFields;
import dev.fortress.platform.web.ApiException;

/**
 * Drops and orders as {@code fortress.drop.v1} messages, and a checkout request read into
 * the same {@link PlaceOrder} REST builds from its JSON body, so the idempotency hash of
 * a request is the same whichever way it came.
 */
final class DropMessages {

	private DropMessages() {
	}

	static Drop drop(DropState drop, Instant now) {
		Drop.Builder message = Drop.newBuilder()
			.setId(drop.id().toString())
			.setSku(drop.sku())
			.setStatus(status(drop.statusAt(now)))
			.setQuantity(drop.quantity())
			.setAvailable(drop.availableAt(now))
			.setStartsAt(ProtoFields.timestamp(drop.startsAt()))
			.setPerCustomerLimit(drop.perCustomerLimit());
		if (drop.endsAt() != null) {
			message.setEndsAt(ProtoFields.timestamp(drop.endsAt()));
		}
		return message.build();
	}

	static DropAvailability availability(DropState drop, Instant now) {
		return DropAvailability.newBuilder()
			.setAvailable(drop.availableAt(now))
			.setStatus(status(drop.statusAt(now)))
			.build();
	}

	static DropStatus status(dev.fortress.inventory.DropStatus status) {
		return switch (status) {
			case SCHEDULED -> DropStatus.DROP_STATUS_SCHEDULED;
			case LIVE -> DropStatus.DROP_STATUS_LIVE;
			case SOLD_OUT -> DropStatus.DROP_STATUS_SOLD_OUT;
			case ENDED -> DropStatus.DROP_STATUS_ENDED;
		};
	}

	/**
	 * The request as checkout takes it: no items is {@code null} (not an empty list) and
	 * an unset quantity {@code null}, as in a JSON body that leaves them out.
	 */
	static PlaceOrder command(PlaceOrderRequest request) {
		List<PlaceOrder.Item> items = null;
		if (request.getItemsCount() > 0) {
			if (request.getItemsCount() > PlaceOrder.MAX_LINES) {
				throw ApiException.invalid("items", "at most " + PlaceOrder.MAX_LINES + " lines");
			}
			items = new ArrayList<>(request.getItemsCount());
			for (OrderItem item : request.getItemsList()) {
				if (item.getSku().isBlank() || item.getSku().length() > PlaceOrder.MAX_SKU_LENGTH) {
					throw ApiException.invalid("items.sku",
							"must not be blank; at most " + PlaceOrder.MAX_SKU_LENGTH + " characters");
				}
				items.add(new PlaceOrder.Item(item.getSku(), item.getQuantity()));
			}
		}
		UUID dropId = request.getDropId().isEmpty() ? null : ProtoFields.uuid("dropId", request.getDropId());
		Integer quantity = request.hasQuantity() ? request.getQuantity() : null;
		return new PlaceOrder(items, dropId, quantity, request.getPaymentToken());
	}

	static Order order(OrderView order) {
		Order.Builder message = Order.newBuilder()
			.setId(order.id().toString())
			.setUserId(order.userId().toString())
			.setStatus(OrderStatus.valueOf("ORDER_STATUS_" + order.status().name()))
			.setTotal(money(order.total()))
			.setVersion(order.version())
			.setCreatedAt(ProtoFields.timestamp(order.createdAt()))
			.setUpdatedAt(ProtoFields.timestamp(order.updatedAt()));
		if (order.dropId() != null) {
			message.setDropId(order.dropId().toString());
		}
		if (order.paymentId() != null) {
			message.setPaymentId(order.paymentId());
		}
		for (OrderView.Item item : order.items()) {
			message.addItems(OrderLine.newBuilder()
				.setSku(item.sku())
				.setQuantity(item.quantity())
				.setUnitPrice(money(item.unitPrice()))
				.setSubtotal(money(item.subtotal())));
		}
		return message.build();
	}

	private static Money money(dev.fortress.platform.Money money) {
		return Money.newBuilder().setAmount(money.amount()).setCurrency(money.currency()).build();
	}

}
