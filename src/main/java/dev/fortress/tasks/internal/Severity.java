package dev.fortress.tasks.internal;

/** How bad a bug is. */
public enum Severity {

	MINOR, MAJOR, CRITICAL, BLOCKER

}
