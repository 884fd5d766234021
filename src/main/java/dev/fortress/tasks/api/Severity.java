package dev.fortress.tasks.api;

/** How bad a bug is. */
public enum Severity {

	MINOR, MAJOR, CRITICAL, BLOCKER

}
