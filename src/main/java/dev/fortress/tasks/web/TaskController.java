package dev.fortress.tasks.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.platform.web.Pages;
import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.TaskQuery;
import dev.fortress.tasks.api.TaskSort;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;
import dev.fortress.tasks.api.TaskView;
import dev.fortress.tasks.internal.TaskService;
import dev.fortress.tasks.web.TaskRequests.CreateTaskRequest;
import dev.fortress.tasks.web.TaskRequests.PatchTaskRequest;

@RestController
@Tag(name = "TaskForge tasks", description = "Tasks of type TASK, BUG (severity) and FEATURE (storyPoints)")
class TaskController {

	private final TaskService tasks;

	TaskController(TaskService tasks) {
		this.tasks = tasks;
	}

	@PostMapping("/api/v1/projects/{projectId}/tasks")
	@Operation(summary = "Create a task (EDITOR+)",
			description = "Fields of another type are a 400; assignee must be a member, category and parent "
					+ "of the same project.")
	ResponseEntity<TaskView> create(@PathVariable UUID projectId, @Valid @RequestBody CreateTaskRequest request,
			CurrentUser user) {
		TaskView task = this.tasks.create(projectId, request.toNewTask(), user);
		return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id()))
			.eTag(String.valueOf(task.version()))
			.body(task);
	}

	@GetMapping("/api/v1/tasks")
	@Operation(summary = "Tasks the caller may see, filtered and keyset-paged",
			description = "sort = created (newest first, default) | dueDate (soonest first, undated last) | "
					+ "priority (most urgent first). q = full-text search on title and description.")
	ResponseEntity<CursorPage<TaskView>> list(@RequestParam(required = false) @Nullable UUID projectId,
			@RequestParam(required = false) @Nullable TaskStatus status,
			@RequestParam(required = false) @Nullable Priority priority,
			@RequestParam(required = false) @Nullable TaskType type,
			@RequestParam(required = false) @Nullable UUID categoryId,
			@RequestParam(required = false) @Nullable UUID assigneeId,
			@RequestParam(required = false) @Size(max = 50) @PlainText @Nullable String label,
			@RequestParam(required = false) @Size(max = 200) @PlainText @Nullable String q,
			@RequestParam(required = false) @Nullable LocalDate dueBefore,
			@RequestParam(defaultValue = "created") String sort,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit,
			CurrentUser user) {
		TaskSort order = TaskSort.fromParam(sort);
		if (order == null) {
			throw ApiException.invalid("sort", "must be one of created, dueDate, priority");
		}
		String normalisedLabel = label == null ? null : label.strip().toLowerCase(java.util.Locale.ROOT);
		TaskQuery query = new TaskQuery(projectId, status, priority, type, categoryId, assigneeId, normalisedLabel, q,
				dueBefore, order, cursor, limit);
		return Pages.ok(this.tasks.list(query, user));
	}

	@GetMapping("/api/v1/tasks/{id}")
	@Operation(summary = "One task", description = "ETag = version. 404 for non-members.")
	ResponseEntity<TaskView> get(@PathVariable UUID id, CurrentUser user) {
		return withETag(this.tasks.get(id, user));
	}

	@PatchMapping("/api/v1/tasks/{id}")
	@Operation(summary = "Change a task (EDITOR+)",
			description = "Merge-patch: absent fields stay, null clears. With If-Match: 412 precondition-failed "
					+ "if the version is stale, and nothing changes. Without it concurrent patches are applied "
					+ "one after the other, never lost.")
	ResponseEntity<TaskView> update(@PathVariable UUID id, @Valid @RequestBody PatchTaskRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, CurrentUser user) {
		return withETag(this.tasks.update(id, request.toPatch(), IfMatch.parse(ifMatch), user));
	}

	@DeleteMapping("/api/v1/tasks/{id}")
	@Operation(summary = "Delete a task and its subtasks (EDITOR+)")
	ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser user) {
		this.tasks.delete(id, user);
		return ResponseEntity.noContent().build();
	}

	static ResponseEntity<TaskView> withETag(TaskView task) {
		return ResponseEntity.ok().eTag(String.valueOf(task.version())).body(task);
	}

}
