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
import dev.fortress.tasks.CommentAdded;
import dev.fortress.tasks.api.Comment;
import dev.fortress.tasks.api.Member;
import dev.fortress.tasks.api.TaskView;

/** Comments on tasks: members read them, editors and owners write them. */
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

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CommentService(TaskStore store, TaskService tasks, ProjectMembers members, ProjectAccess access,
			IdentityApi identity, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.members = members;
		this.access = access;
		this.identity = identity;
		this.events = events;
		this.clock = clock;
	}

	public List<Comment> list(UUID taskId, CurrentUser user) {
		this.tasks.visible(taskId, user);
		return this.store.comments(taskId);
	}

	/**
	 * The comments on each of these tasks, oldest first, in one statement whatever their
	 * number; tasks of projects the caller may not see get none.
	 */
	public Map<UUID, List<Comment>> listFor(Collection<TaskView> tasks, CurrentUser user) {
		Map<UUID, List<Comment>> comments = this.store.commentsOf(this.access.visibleTasks(tasks, user));
		Map<UUID, List<Comment>> all = new HashMap<>();
		tasks.forEach(task -> all.put(task.id(), comments.getOrDefault(task.id(), List.of())));
		return all;
	}

	@Transactional
	public Comment add(UUID taskId, String body, CurrentUser user) {
		Task task = this.tasks.editable(taskId, user);
		Comment comment = new Comment(Ids.newId(), taskId, user.id(), body.strip(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.store.addComment(comment);
		UUID projectId = task.state().projectId();
		this.events.publishEvent(new CommentAdded(comment.id(), taskId, projectId, task.state().title(), user.id(),
				comment.body(), mentioned(projectId, comment.body(), user.id()), EventMetadata.now(this.clock)));
		return comment;
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
