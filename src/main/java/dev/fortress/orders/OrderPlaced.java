package dev.fortress.orders;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.Money;

/** Stock was reserved and the order inserted; it now waits for its payment. */
public record OrderPlaced(UUID orderId, UUID userId, @Nullable UUID dropId, List<OrderLine> lines, Money total) {
}
