package dev.fortress.tasks.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A partial update (JSON merge-patch semantics): a {@code null} field is absent and left
 * as it is; {@code Optional.empty()} is an explicit JSON null and clears the field. Only
 * the fields named here can change: id, project, type, version and creator cannot be set
 * through a patch.
 */
@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
public record TaskPatch(@Nullable Optional<String> title, @Nullable Optional<String> description,
		@Nullable Optional<Priority> priority, @Nullable Optional<TaskStatus> status,
		@Nullable Optional<UUID> categoryId, @Nullable Optional<UUID> assigneeId,
		@Nullable Optional<List<String>> labels, @Nullable Optional<LocalDate> dueDate,
		@Nullable Optional<UUID> parentId, @Nullable Optional<Severity> severity,
		@Nullable Optional<Integer> storyPoints) {
}
