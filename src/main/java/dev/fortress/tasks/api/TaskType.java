package dev.fortress.tasks.api;

/** The kinds of task; BUG carries a severity, FEATURE story points. */
public enum TaskType {

	TASK, BUG, FEATURE

}
