/**
 * TaskForge's HTTP API under {@code /api/v1}: projects and their members, categories,
 * tasks with history, comments and moves. Small package-private controllers that validate
 * the request, call the use cases of {@code dev.fortress.tasks.internal} and shape the
 * JSON; errors are problem+json responses made by the platform.
 */
@NullMarked
package dev.fortress.tasks.web;

import org.jspecify.annotations.NullMarked;
