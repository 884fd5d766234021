package dev.fortress.orders.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Money;

/** An order as stored. See {@link OrderStatus} for its lifecycle. */
public record Order(UUID id, UUID userId, @Nullable UUID dropId, OrderStatus status, List<OrderLine> lines, Money total,
		String paymentToken, @Nullable String paymentId, @Nullable String refundId, @Nullable String cancelReason,
		long version, Instant createdAt, Instant updatedAt) {

	/** A new order for the draft, waiting for its payment. */
	static Order placed(OrderDraft draft, Instant now) {
		// By SKU, as the order is read back.
		List<OrderLine> lines = draft.lines().stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
		return new Order(draft.id(), draft.userId(), draft.dropId(), OrderStatus.PENDING_PAYMENT, lines, draft.total(),
				draft.paymentToken(), null, null, null, 0, now, now);
	}

	Order withLines(List<OrderLine> lines) {
		return new Order(this.id, this.userId, this.dropId, this.status, lines, this.total, this.paymentToken,
				this.paymentId, this.refundId, this.cancelReason, this.version, this.createdAt, this.updatedAt);
	}

}
