package dev.fortress.tasks.api;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A comment on a task.
 *
 * @param moderation {@code HELD} while a moderator has not approved it (only its author
 * and ADMINs see it then), absent otherwise
 */
public record Comment(UUID id, UUID taskId, UUID authorId, String body, Instant createdAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String moderation) {

	/** The value of {@code moderation} for a held comment. */
	public static final String HELD = "HELD";

	/** A comment no moderator has to look at. */
	public Comment(UUID id, UUID taskId, UUID authorId, String body, Instant createdAt) {
		this(id, taskId, authorId, body, createdAt, null);
	}

	public boolean held() {
		return HELD.equals(this.moderation);
	}

	/**
	 * Whether the caller sees it: everyone who reads the task, or while held, its author
	 * and ADMINs.
	 */
	public boolean visibleTo(UUID userId, boolean admin) {
		return !held() || this.authorId.equals(userId) || admin;
	}

	public Comment withHeld(boolean held) {
		return new Comment(this.id, this.taskId, this.authorId, this.body, this.createdAt, held ? HELD : null);
	}

}
