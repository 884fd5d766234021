package dev.fortress.tasks.internal;

import org.jspecify.annotations.Nullable;

/**
 * A task with what its views show beside it: the assignee's name and the comment count.
 */
public record TaskCard(Task task, @Nullable String assigneeName, int commentCount) {
}
