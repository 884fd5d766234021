package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.Ids;
import dev.fortress.tasks.api.Comment;

/** Comments on tasks: members read them, editors and owners write them. */
@Service
public class CommentService {

	private final TaskStore store;

	private final TaskService tasks;

	private final Clock clock;

	CommentService(TaskStore store, TaskService tasks, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.clock = clock;
	}

	public List<Comment> list(UUID taskId, CurrentUser user) {
		this.tasks.visible(taskId, user);
		return this.store.comments(taskId);
	}

	@Transactional
	public Comment add(UUID taskId, String body, CurrentUser user) {
		this.tasks.editable(taskId, user);
		Comment comment = new Comment(Ids.newId(), taskId, user.id(), body.strip(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.store.addComment(comment);
		return comment;
	}

}
