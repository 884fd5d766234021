/**
 * The identity part of the GraphQL schema ({@code graphql/identity.graphqls}): the
 * caller's account ({@code me}) and the rule on a {@code Person}'s e-mail address. Small
 * package-private controllers over the same use cases as the REST API.
 */
@NullMarked
package dev.fortress.identity.graphql;

import org.jspecify.annotations.NullMarked;
