/**
 * What TaskForge's own adapters (the HTTP controllers, exports and reports) exchange with
 * its use cases: the values they pass in and get back, and the vocabulary of projects and
 * tasks. The use cases themselves are the few public services of
 * {@code dev.fortress.tasks.internal}; everything else there is package-private. Other
 * modules see none of this (a module's API is its root package): they hear about
 * TaskForge through its events.
 */
@NullMarked
package dev.fortress.tasks.api;

import org.jspecify.annotations.NullMarked;
