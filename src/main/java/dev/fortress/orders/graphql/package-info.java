/**
 * The orders' part of the GraphQL schema ({@code graphql/orders.graphqls}): the caller's
 * orders, checkout ({@code placeOrder}, with the idempotency key as an argument instead
 * of a header) and cancellation, through the same admission, checkout and cancellation as
 * the REST API.
 */
@NullMarked
package dev.fortress.orders.graphql;

import org.jspecify.annotations.NullMarked;
