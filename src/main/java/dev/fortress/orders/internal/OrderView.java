package dev.fortress.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Money;

/** An order as the API shows it (also the body stored for idempotent replays). */
public record OrderView(UUID id, UUID userId, OrderStatus status, @Nullable UUID dropId, List<Item> items, Money total,
		@Nullable String paymentId, @Nullable String refundId, @Nullable String cancelReason, long version,
		Instant createdAt, Instant updatedAt) {

	static OrderView of(Order order) {
		return new OrderView(order.id(), order.userId(), order.status(), order.dropId(),
				order.lines().stream().map(Item::of).toList(), order.total(), order.paymentId(), order.refundId(),
				order.cancelReason(), order.version(), order.createdAt(), order.updatedAt());
	}

	public record Item(String sku, int quantity, Money unitPrice, Money subtotal) {

		static Item of(OrderLine line) {
			return new Item(line.sku(), line.quantity(), line.unitPrice(), line.subtotal());
		}

	}

}
