/**
 * The catalog's part of the GraphQL schema ({@code graphql/catalog.graphqls}): products,
 * their variants and the variants' stock, public like the REST reads. The stock of every
 * variant of a page is read at once through a DataLoader.
 */
@NullMarked
package dev.fortress.catalog.graphql;

import org.jspecify.annotations.NullMarked;
