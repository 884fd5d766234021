package dev.fortress.tasks.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.tasks.api.Comment;
import dev.fortress.tasks.api.TaskHistoryEntry;
import dev.fortress.tasks.api.TaskView;
import dev.fortress.tasks.internal.CommentService;
import dev.fortress.tasks.internal.TaskHistoryService;
import dev.fortress.tasks.internal.TaskMover;
import dev.fortress.tasks.internal.TaskService;
import dev.fortress.tasks.web.TaskRequests.CommentRequest;
import dev.fortress.tasks.web.TaskRequests.MoveRequest;
import dev.fortress.tasks.web.TaskRequests.RevertRequest;

@RestController
@RequestMapping("/api/v1/tasks/{id}")
@Tag(name = "TaskForge tasks")
class TaskActivityController {

	private final TaskMover mover;

	private final TaskHistoryService history;

	private final CommentService comments;

	private final TaskService tasks;

	private final IdentityApi identity;

	TaskActivityController(TaskMover mover, TaskHistoryService history, CommentService comments, TaskService tasks,
			IdentityApi identity) {
		this.mover = mover;
		this.history = history;
		this.comments = comments;
		this.tasks = tasks;
		this.identity = identity;
	}

	@PostMapping("/move")
	@Operation(summary = "Move a task and its subtasks to another project",
			description = "Atomic. The caller must be EDITOR+ in both projects. A category follows by name if the "
					+ "target has one; otherwise it, and an assignee who is not a member there, are cleared.")
	ResponseEntity<TaskView> move(@PathVariable UUID id, @Valid @RequestBody MoveRequest request, CurrentUser user) {
		this.mover.move(id, request.projectId(), user);
		return TaskController.withETag(this.tasks.get(id, user));
	}

	@GetMapping("/history")
	@Operation(summary = "Every version of the task, oldest first: who, when, what changed")
	Map<String, List<VersionView>> history(@PathVariable UUID id, CurrentUser user) {
		List<TaskHistoryEntry> versions = this.history.history(id, user);
		Map<UUID, UserSummary> users = this.identity
			.findUsers(versions.stream().map(TaskHistoryEntry::changedBy).distinct().toList());
		return Map.of("items", versions.stream().map(v -> VersionView.of(v, users.get(v.changedBy()))).toList());
	}

	@PostMapping("/revert")
	@Operation(summary = "Restore an old version as a new version (EDITOR+)", description = "Honours If-Match.")
	ResponseEntity<TaskView> revert(@PathVariable UUID id, @Valid @RequestBody RevertRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, CurrentUser user) {
		return TaskController.withETag(this.history.revert(id, request.version(), IfMatch.parse(ifMatch), user));
	}

	@GetMapping("/comments")
	@Operation(summary = "Comments on the task, oldest first")
	Map<String, List<CommentView>> comments(@PathVariable UUID id, CurrentUser user) {
		List<Comment> all = this.comments.list(id, user);
		Map<UUID, UserSummary> users = this.identity.findUsers(all.stream().map(Comment::authorId).distinct().toList());
		return Map.of("items", all.stream().map(c -> CommentView.of(c, users.get(c.authorId()))).toList());
	}

	@PostMapping("/comments")
	@Operation(summary = "Comment on the task (EDITOR+)")
	ResponseEntity<CommentView> comment(@PathVariable UUID id, @Valid @RequestBody CommentRequest request,
			CurrentUser user) {
		Comment comment = this.comments.add(id, request.body(), user);
		return ResponseEntity.created(URI.create("/api/v1/tasks/" + id + "/comments"))
			.body(CommentView.of(comment, this.identity.findUser(user.id()).orElse(null)));
	}

	record VersionView(long version, TaskHistoryEntry.Action action, UUID changedBy, @Nullable String changedByName,
			Instant changedAt, Map<String, TaskHistoryEntry.Change> changes) {

		static VersionView of(TaskHistoryEntry v, @Nullable UserSummary user) {
			return new VersionView(v.version(), v.action(), v.changedBy(), user == null ? null : user.displayName(),
					v.changedAt(), v.changes());
		}

	}

	/**
	 * A comment; {@code moderation} is {@code HELD} (shown to its author and ADMINs)
	 * until approved.
	 */
	record CommentView(UUID id, UUID taskId, UUID authorId, @Nullable String authorName, String body, Instant createdAt,
			@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) @Nullable String moderation) {

		static CommentView of(Comment c, @Nullable UserSummary author) {
			return new CommentView(c.id(), c.taskId(), c.authorId(), author == null ? null : author.displayName(),
					c.body(), c.createdAt(), c.moderation());
		}

	}

}
