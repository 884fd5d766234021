package dev.fortress.orders;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.Money;

/** A cancelled paid order's money went back to the customer. */
public record PaymentRefunded(UUID orderId, UUID userId, String refundId, Money amount, @Nullable String requestId) {
}
