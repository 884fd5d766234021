/**
 * TaskForge exports: jobs queued in a table, run by a bounded worker pool off the request
 * thread, written as CSV, JSON or PDF under the data directory, downloadable until they
 * expire, and recovered after a restart.
 */
@NullMarked
package dev.fortress.tasks.exports;

import org.jspecify.annotations.NullMarked;
