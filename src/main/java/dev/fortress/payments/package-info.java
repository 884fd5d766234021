/**
 * Payments: the client of the payment service provider (timeouts, bounded retries with
 * backoff and jitter for idempotent calls, a circuit breaker, a bulkhead), refunds,
 * reconciliation of payments whose outcome is unknown and of refunds made at the
 * provider, and the built-in sandbox provider, served on its own loopback port.
 */
package dev.fortress.payments;
