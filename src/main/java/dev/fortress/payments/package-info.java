/**
 * Payments: the client of the payment service provider (timeouts, bounded retries with
 * backoff and jitter for idempotent calls, a circuit breaker), refunds, reconciliation of
 * payments whose outcome is unknown, and the built-in sandbox provider served over HTTP.
 */
package dev.fortress.payments;
