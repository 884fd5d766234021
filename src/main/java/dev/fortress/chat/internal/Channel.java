package dev.fortress.chat.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A channel as stored: workspace-wide or attached to a project, public or private, or a
 * direct conversation between two users ({@code directKey} set).
 *
 * @param lastSeq the position of the last event of its log
 */
public record Channel(UUID id, String name, @Nullable String topic, @Nullable UUID projectId, boolean isPrivate,
		@Nullable String directKey, UUID createdBy, Instant createdAt, long lastSeq) {

	public boolean direct() {
		return this.directKey != null;
	}

	/** A direct conversation's two participants (read from its key), else none. */
	public List<UUID> participantIds() {
		if (this.directKey == null) {
			return List.of();
		}
		return Arrays.stream(this.directKey.split(":")).map(UUID::fromString).toList();
	}

	/** The key of the direct conversation between two users, whichever asks. */
	static String directKey(UUID one, UUID other) {
		return (one.compareTo(other) < 0) ? one + ":" + other : other + ":" + one;
	}

}
