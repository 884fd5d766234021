package dev.fortress.orders.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.inventory.DropState;
import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Money;
import dev.fortress.platform.events.Origin;

/**
 * A validated checkout request, ready to reserve: its order id is fixed before the
 * reservation, so the idempotency record and the payment can refer to it.
 *
 * @param drop the drop it buys from, or {@code null} for a plain SKU order
 * @param key the caller's Idempotency-Key as claimed (null until then), linked to the
 * order in the reservation transaction
 * @param origin the checkout's request id and trace, carried into {@code OrderPlaced}
 * even when a batch writer thread inserts the order
 */
record OrderDraft(UUID id, UUID userId, @Nullable DropState drop, List<OrderLine> lines, Money total,
		String paymentToken, Idempotency.@Nullable Held key, Origin origin) {

	/** The draft once its key is claimed ({@code key} is null only before that). */
	OrderDraft claimedWith(Idempotency.Held held) {
		return new OrderDraft(this.id, this.userId, this.drop, this.lines, this.total, this.paymentToken, held,
				this.origin);
	}

	@Nullable UUID dropId() {
		return this.drop == null ? null : this.drop.id();
	}

	/** The key the batched strategy coalesces on: the drop, else the single SKU. */
	String hotKey() {
		return this.drop != null ? "drop:" + this.drop.id() : "sku:" + this.lines.get(0).sku();
	}

	int quantity() {
		return this.lines.stream().mapToInt(OrderLine::quantity).sum();
	}

}
