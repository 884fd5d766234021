package dev.fortress.tasks.internal;

/** The kinds of task; BUG carries a severity, FEATURE story points. */
public enum TaskType {

	TASK, BUG, FEATURE

}
