/**
 * What every module's GraphQL controllers share: Relay-style connections over the keyset
 * pages of the services ({@link dev.fortress.platform.graphql.Connection}), the request
 * context (request id) and the error shape, where a service's
 * {@link dev.fortress.platform.web.ApiException} becomes a GraphQL error whose
 * {@code extensions} carry the same problem type slug as the REST answer; and the query
 * limits (depth, complexity, aliases) that refuse hostile queries before they run.
 */
@NullMarked
package dev.fortress.platform.graphql;

import org.jspecify.annotations.NullMarked;
