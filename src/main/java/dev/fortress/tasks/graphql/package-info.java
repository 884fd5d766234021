/**
 * TaskForge's part of the GraphQL schema ({@code graphql/tasks.graphqls}): projects,
 * their tasks and everything nested in a task, and the task mutations. Small
 * package-private controllers over the same use cases as the REST controllers of
 * {@code dev.fortress.tasks.web}, with the same access rule. Every nested field is read
 * for a whole page of tasks at once through a DataLoader ({@link TaskLoaders}), so a
 * board costs the same number of statements for one task as for a hundred.
 */
@NullMarked
package dev.fortress.tasks.graphql;

import org.jspecify.annotations.NullMarked;
