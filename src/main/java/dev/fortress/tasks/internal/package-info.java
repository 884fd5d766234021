/**
 * TaskForge's domain and services: access rules, the task factory, the task store
 * strategy (JDBC or in-memory) and the use cases the web layer calls.
 */
@NullMarked
package dev.fortress.tasks.internal;

import org.jspecify.annotations.NullMarked;
