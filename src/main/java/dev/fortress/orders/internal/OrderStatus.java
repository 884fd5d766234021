package dev.fortress.orders.internal;

/**
 * {@code PENDING_PAYMENT} (stock reserved) → {@code PAID} (units sold) →
 * {@code CANCELLED} (refunded, restocked); or {@code PENDING_PAYMENT → CANCELLED} when
 * the payment is declined, unavailable or turns out not captured (reservation released).
 * A cancel whose refund cannot be made at once goes {@code PAID → REFUNDING}, and
 * {@code REFUNDING → CANCELLED} when the refund retrier gets it through. {@link Order}
 * guards the transitions; {@link OrderLifecycle} applies them.
 */
public enum OrderStatus {

	PENDING_PAYMENT, PAID, REFUNDING, CANCELLED

}
