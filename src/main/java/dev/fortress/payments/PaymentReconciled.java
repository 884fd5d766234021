package dev.fortress.payments;

import java.util.UUID;

/**
 * Published when a charge whose outcome was {@link PaymentOutcome.Unknown unknown} has
 * been settled with the provider: {@code captured} tells whether the money was taken.
 */
public record PaymentReconciled(UUID orderId, boolean captured, String paymentId) {
}
