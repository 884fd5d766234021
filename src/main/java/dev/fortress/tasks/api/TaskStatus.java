package dev.fortress.tasks.api;

/** Where a task is in its life; entering DONE stamps the completion time. */
public enum TaskStatus {

	TODO, IN_PROGRESS, BLOCKED, DONE

}
