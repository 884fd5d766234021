package dev.fortress.orders;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.Money;

/**
 * Stock was reserved and the order inserted; it now waits for its payment.
 * {@code requestId} is the X-Request-Id of the checkout that caused it.
 */
public record OrderPlaced(UUID orderId, UUID userId, @Nullable UUID dropId, List<OrderLine> lines, Money total,
		@Nullable String requestId) {
}
