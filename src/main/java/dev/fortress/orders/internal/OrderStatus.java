package dev.fortress.orders.internal;

/**
 * {@code PENDING_PAYMENT} (stock reserved) → {@code PAID} (units sold) →
 * {@code CANCELLED} (refunded, restocked); or {@code PENDING_PAYMENT → CANCELLED} when
 * the payment is declined, unavailable or turns out not captured (reservation released).
 * {@link Order} guards the transitions; {@link OrderLifecycle} applies them.
 */
public enum OrderStatus {

	PENDING_PAYMENT, PAID, CANCELLED

}
