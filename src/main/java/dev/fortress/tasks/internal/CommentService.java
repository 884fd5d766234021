package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.Ids;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.moderation.ContentModerated;
import dev.fortress.platform.moderation.ContentScreen;
import dev.fortress.platform.moderation.Submission;
import dev.fortress.tasks.CommentAdded;
import dev.fortress.tasks.CommentWithdrawn;
import dev.fortress.tasks.api.Comment;
import dev.fortress.tasks.api.Member;
import dev.fortress.tasks.api.TaskView;

/**
 * Comments on tasks: members read them, editors and owners write them. Each new comment
 * is screened in its transaction; a held one is seen by its author and ADMINs only, and
 * is announced ({@link CommentAdded}: notifications, mentions, the live board, the index)
 * only once a moderator approves it.
 */
@Service
public class CommentService {

	/**
	 * {@code @} and an e-mail address, not preceded by a word character (so not an
	 * address itself).
	 */
	private static final Pattern MENTION = Pattern
		.compile("(?<![\\w.+-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

	private final TaskStore store;

	private final TaskService tasks;

	private final ProjectMembers members;

	private final ProjectAccess access;

	private final IdentityApi identity;

	static final String TYPE = "comment";

	private final ContentScreen screen;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CommentService(TaskStore store, TaskService tasks, ProjectMembers members, ProjectAccess access,
			IdentityApi identity, ContentScreen screen, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.members = members;
		this.access = access;
		this.identity = identity;
		this.screen = screen;
		this.events = events;
		this.clock = clock;
	}

	public List<Comment> list(UUID taskId, CurrentUser user) {
		this.tasks.visible(taskId, user);
		return this.store.comments(taskId)
			.stream()
			.filter(comment -> comment.visibleTo(user.id(), user.isAdmin()))
			.toList();
	}

	/**
	 * The comments on each of these tasks, oldest first, in one statement whatever their
	 * number; tasks of projects the caller may not see get none.
	 */
	public Map<UUID, List<Comment>> listFor(Collection<TaskView> tasks, CurrentUser user) {
		Map<UUID, List<Comment>> comments = this.store.commentsOf(this.access.visibleTasks(tasks, user));
		Map<UUID, List<Comment>> all = new HashMap<>();
		tasks.forEach(task -> all.put(task.id(),
				comments.getOrDefault(task.id(), List.of())
					.stream()
					.filter(comment -> comment.visibleTo(user.id(), user.isAdmin()))
					.toList()));
		return all;
	}

	@Transactional
	public Comment add(UUID taskId, String body, CurrentUser user) {
		Task task = this.tasks.editable(taskId, user);
		UUID id = Ids.newId();
		String text = body.strip();
		boolean held = this.screen.screen(new Submission(TYPE, id, user.id(), text)).held();
		Comment comment = new Comment(id, taskId, user.id(), text, this.clock.instant().truncatedTo(ChronoUnit.MICROS),
				held ? Comment.HELD : null);
		this.store.addComment(comment);
		if (!held) {
			announce(task, comment);
		}
		return comment;
	}

	/**
	 * Applies a moderator's or the screen's decision; one that no longer applies (an
	 * approval of a visible comment, a comment since deleted) changes nothing.
	 */
	@Transactional
	void moderate(UUID commentId, ContentModerated.Decision decision) {
		Comment comment = this.store.comment(commentId).orElse(null);
		Task task = (comment == null) ? null : this.store.find(comment.taskId()).orElse(null);
		if (comment == null || task == null) {
			return;
		}
		switch (decision) {
			case APPROVED -> {
				if (comment.held() && this.store.holdComment(commentId, false)) {
					announce(task, comment.withHeld(false));
				}
			}
			case HIDDEN -> {
				if (!comment.held() && this.store.holdComment(commentId, true)) {
					withdrawn(task, comment);
				}
			}
			case REMOVED -> {
				if (this.store.deleteComment(commentId) && !comment.held()) {
					withdrawn(task, comment);
				}
			}
		}
	}

	private void announce(Task task, Comment comment) {
		UUID projectId = task.state().projectId();
		this.events.publishEvent(new CommentAdded(comment.id(), task.id(), projectId, task.state().title(),
				comment.authorId(), comment.body(), mentioned(projectId, comment.body(), comment.authorId()),
				EventMetadata.now(this.clock)));
	}

	private void withdrawn(Task task, Comment comment) {
		this.events.publishEvent(
				new CommentWithdrawn(comment.id(), task.id(), task.state().projectId(), EventMetadata.now(this.clock)));
	}

	/**
	 * The members of the project a comment mentions by e-mail address. Anyone else's
	 * address is just text: a comment cannot reach, or probe for, people outside the
	 * project.
	 */
	private List<UUID> mentioned(UUID projectId, String body, UUID authorId) {
		Set<String> emails = new HashSet<>();
		Matcher matcher = MENTION.matcher(body);
		while (matcher.find()) {
			emails.add(matcher.group(1).toLowerCase(Locale.ROOT));
		}
		if (emails.isEmpty()) {
			return List.of();
		}
		List<UUID> memberIds = this.members.list(projectId).stream().map(Member::userId).toList();
		return this.identity.findUsers(memberIds)
			.values()
			.stream()
			.filter((member) -> !member.id().equals(authorId))
			.filter((member) -> emails.contains(member.email().toLowerCase(Locale.ROOT)))
			.map(UserSummary::id)
			.sorted()
			.toList();
	}

}
