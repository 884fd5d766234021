package dev.fortress.tasks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The text of tasks and their comments as stored now, for modules that index it (the
 * knowledge module). No access check: what a caller may read is decided where the copy is
 * read, with {@link ProjectMembership}.
 */
public interface TaskTexts {

	/** The task, empty if it does not exist (any more). */
	Optional<TaskText> task(UUID taskId);

	/** The task's comments, oldest first; held ones are left out until approved. */
	List<CommentText> comments(UUID taskId);

	/**
	 * A task's indexable text.
	 *
	 * @param type {@code TASK}, {@code BUG} or {@code FEATURE}
	 */
	record TaskText(UUID id, UUID projectId, String type, String title, @Nullable String description, long version) {
	}

	/** A comment's indexable text. */
	record CommentText(UUID id, UUID taskId, UUID projectId, UUID authorId, String body) {
	}

}
