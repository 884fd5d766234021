package dev.fortress.tasks.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.Cursors;

/**
 * The position after the last row of a page: the sort it belongs to and that row's sort
 * keys. Encoded opaquely; a cursor from another sort or one that does not parse is a 400.
 */
public record TaskCursor(TaskSort sort, Instant createdAt, int priority, LocalDate dueKey, UUID id) {

	/** Undated tasks sort after every real due date. */
	public static final LocalDate NO_DUE_DATE = LocalDate.of(9999, 12, 31);

	public static TaskCursor after(TaskSort sort, Task task) {
		LocalDate due = task.state().dueDate();
		return new TaskCursor(sort, task.createdAt(), task.state().priority().rank(), due == null ? NO_DUE_DATE : due,
				task.id());
	}

	public String encode() {
		return Cursors.encode(this.sort.name(), this.createdAt, this.priority, this.dueKey, this.id);
	}

	public static @Nullable TaskCursor decode(@Nullable String cursor, TaskSort expected) {
		List<String> parts = Cursors.decode(cursor, 5);
		if (parts.isEmpty()) {
			return null;
		}
		try {
			TaskSort sort = TaskSort.valueOf(parts.get(0));
			if (sort == expected) {
				return new TaskCursor(sort, Instant.parse(parts.get(1)), Integer.parseInt(parts.get(2)),
						LocalDate.parse(parts.get(3)), UUID.fromString(parts.get(4)));
			}
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			// fall through to the client error
		}
		throw ApiException.invalid("cursor", "is not a valid cursor for this sort");
	}

}
