/**
 * TaskForge reports: per-category counts (CTE), ranking within a category (window
 * function) and the completion trend (LAG), computed entirely in SQL.
 */
@NullMarked
package dev.fortress.tasks.reports;

import org.jspecify.annotations.NullMarked;
