/**
 * The inventory's part of the GraphQL schema ({@code graphql/inventory.graphqls}): a drop
 * and what is left of it, public like {@code GET /api/v1/drops/{id}} and read from the
 * same short-lived cache.
 */
@NullMarked
package dev.fortress.inventory.graphql;

import org.jspecify.annotations.NullMarked;
