/**
 * TaskForge's domain and use cases: the task aggregate and its history, the factory that
 * enforces the per-type rules, the access rule, the repositories and the task store
 * strategy (JDBC or in-memory).
 * <p>
 * Only the use cases are public, for the module's own adapters: {@link ProjectService},
 * {@link MemberService}, {@link CategoryService}, {@link TaskService},
 * {@link TaskHistoryService}, {@link TaskMover} and {@link CommentService} for the HTTP
 * API, {@link ProjectTasks} for exports and {@link ProjectAccess} for exports and
 * reports. They take and return the values of {@code dev.fortress.tasks.api}; everything
 * else here is package-private.
 */
@NullMarked
package dev.fortress.tasks.internal;

import org.jspecify.annotations.NullMarked;
