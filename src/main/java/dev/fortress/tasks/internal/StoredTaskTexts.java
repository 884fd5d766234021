package dev.fortress.tasks.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.fortress.tasks.TaskTexts;

/** {@link TaskTexts} read from whichever {@link TaskStore} is configured. */
@Component
class StoredTaskTexts implements TaskTexts {

	private final TaskStore store;

	StoredTaskTexts(TaskStore store) {
		this.store = store;
	}

	@Override
	public Optional<TaskText> task(UUID taskId) {
		return this.store.find(taskId)
			.map(task -> new TaskText(task.id(), task.projectId(), task.type().name(), task.state().title(),
					task.state().description(), task.version()));
	}

	@Override
	public List<CommentText> comments(UUID taskId) {
		return this.store.find(taskId)
			.map(task -> this.store.comments(taskId)
				.stream()
				.filter(comment -> !comment.held())
				.map(comment -> new CommentText(comment.id(), taskId, task.projectId(), comment.authorId(),
						comment.body()))
				.toList())
			.orElse(List.of());
	}

}
