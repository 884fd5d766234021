package dev.fortress.tasks.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.Cursors;
import dev.fortress.tasks.api.TaskSort;
import dev.fortress.tasks.api.TaskView;

/**
 * The position after the last row of a page: the sort it belongs to and that row's sort
 * keys. Encoded opaquely; a cursor from another sort or one that does not parse is a 400.
 */
record TaskCursor(TaskSort sort, Instant createdAt, int priority, LocalDate dueKey, UUID id) {

	/** Undated tasks sort after every real due date. */
	static final LocalDate NO_DUE_DATE = LocalDate.of(9999, 12, 31);

	static TaskCursor after(TaskSort sort, Task task) {
		return new TaskCursor(sort, task.createdAt(), task.state().priority().rank(), dueKey(task.state().dueDate()),
				task.id());
	}

	/** The position after a task as a reader saw it: the same keys as the task's. */
	static TaskCursor after(TaskSort sort, TaskView task) {
		return new TaskCursor(sort, task.createdAt(), task.priority().rank(), dueKey(task.dueDate()), task.id());
	}

	private static LocalDate dueKey(@Nullable LocalDate due) {
		return due == null ? NO_DUE_DATE : due;
	}

	String encode() {
		return Cursors.encode(this.sort.name(), this.createdAt, this.priority, this.dueKey, this.id);
	}

	static @Nullable TaskCursor decode(@Nullable String cursor, TaskSort expected) {
		List<String> parts = Cursors.decode(cursor, 5);
		if (parts.isEmpty()) {
			return null;
		}
		try {
			TaskSort sort = TaskSort.valueOf(parts.get(0));
			Instant createdAt = Instant.parse(parts.get(1));
			LocalDate dueKey = LocalDate.parse(parts.get(3));
			// a forged cursor with a year PostgreSQL cannot hold would fail in the query
			if (sort == expected && storable(LocalDate.ofInstant(createdAt, ZoneOffset.UTC)) && storable(dueKey)) {
				return new TaskCursor(sort, createdAt, Integer.parseInt(parts.get(2)), dueKey,
						UUID.fromString(parts.get(4)));
			}
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			// fall through to the client error
		}
		throw ApiException.invalid("cursor", "is not a valid cursor for this sort");
	}

	/** A date within the years 1 to 9999, which both Java and PostgreSQL can hold. */
	static boolean storable(LocalDate date) {
		return date.getYear() >= 1 && date.getYear() <= 9999;
	}

}
