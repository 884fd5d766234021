/**
 * TaskForge: projects with per-project roles, categories, typed tasks with history,
 * comments, moves between projects, reports and background exports. Other modules hear
 * about it only through its events ({@link dev.fortress.tasks.TaskMoved}).
 */
@NullMarked
package dev.fortress.tasks;

import org.jspecify.annotations.NullMarked;
