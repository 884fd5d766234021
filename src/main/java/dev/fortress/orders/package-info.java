/**
 * Orders: carts, checkout with Idempotency-Key semantics, the reservation strategies
 * (row-lock, conditional, batched) that take stock and insert orders in one transaction,
 * the order lifecycle ({@code PENDING_PAYMENT → PAID → (REFUNDING →) CANCELLED}) and its
 * domain events, published through Spring Modulith's JDBC event publication registry.
 */
package dev.fortress.orders;
