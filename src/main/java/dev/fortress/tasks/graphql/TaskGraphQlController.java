package dev.fortress.tasks.graphql;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.graphql.Inputs;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.Severity;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;
import dev.fortress.tasks.api.TaskView;
import dev.fortress.tasks.internal.TaskMover;
import dev.fortress.tasks.internal.TaskService;
import dev.fortress.tasks.web.TaskRequests.CreateTaskRequest;
import dev.fortress.tasks.web.TaskRequests.PatchTaskRequest;

/**
 * One task, and the task mutations. Inputs become the REST API's own request objects and
 * pass its validation rules, then the same use cases run.
 */
@Controller
class TaskGraphQlController {

	private final TaskService tasks;

	private final TaskMover mover;

	private final Validator validator;

	TaskGraphQlController(TaskService tasks, TaskMover mover, Validator validator) {
		this.tasks = tasks;
		this.mover = mover;
		this.validator = validator;
	}

	@QueryMapping
	TaskView task(@Argument String id, CurrentUser caller) {
		return this.tasks.get(Inputs.requiredUuid("id", id), caller);
	}

	@MutationMapping
	TaskView createTask(@Argument String projectId, @Argument Map<String, Object> input, CurrentUser caller) {
		var project = Inputs.requiredUuid("projectId", projectId);
		CreateTaskRequest request = Inputs.valid(this.validator,
				new CreateTaskRequest(Inputs.get(input, "title"), Inputs.get(input, "description"),
						Inputs.enumValue(TaskType.class, input.get("type")),
						Inputs.enumValue(Priority.class, input.get("priority")),
						Inputs.enumValue(TaskStatus.class, input.get("status")),
						Inputs.uuid("categoryId", input.get("categoryId")),
						Inputs.uuid("assigneeId", input.get("assigneeId")), Inputs.strings(input.get("labels")),
						Inputs.get(input, "dueDate"), Inputs.uuid("parentId", input.get("parentId")),
						Inputs.enumValue(Severity.class, input.get("severity")), Inputs.get(input, "storyPoints")));
		return this.tasks.create(project, request.toNewTask(), caller);
	}

	/**
	 * A merge-patch: only the fields present in the input are set, so "left out" and
	 * "null" stay apart as they do in the REST body.
	 */
	@MutationMapping
	TaskView updateTask(@Argument String id, @Argument @Nullable Long expectedVersion,
			@Argument Map<String, Object> input, CurrentUser caller) {
		var task = Inputs.requiredUuid("id", id);
		PatchTaskRequest patch = new PatchTaskRequest();
		input.forEach((field, value) -> set(patch, field, value));
		Inputs.valid(this.validator, patch);
		IfMatch ifMatch = expectedVersion == null ? IfMatch.ANY : new IfMatch(Set.of(expectedVersion));
		return this.tasks.update(task, patch.toPatch(), ifMatch, caller);
	}

	@MutationMapping
	TaskView moveTask(@Argument String id, @Argument String projectId, CurrentUser caller) {
		var task = Inputs.requiredUuid("id", id);
		this.mover.move(task, Inputs.requiredUuid("projectId", projectId), caller);
		return this.tasks.get(task, caller);
	}

	private static void set(PatchTaskRequest patch, String field, @Nullable Object value) {
		switch (field) {
			case "title" -> patch.setTitle((String) value);
			case "description" -> patch.setDescription((String) value);
			case "priority" -> patch.setPriority(Inputs.enumValue(Priority.class, value));
			case "status" -> patch.setStatus(Inputs.enumValue(TaskStatus.class, value));
			case "categoryId" -> patch.setCategoryId(Inputs.uuid(field, value));
			case "assigneeId" -> patch.setAssigneeId(Inputs.uuid(field, value));
			case "labels" -> patch.setLabels(Inputs.strings(value));
			case "dueDate" -> patch.setDueDate((LocalDate) value);
			case "parentId" -> patch.setParentId(Inputs.uuid(field, value));
			case "severity" -> patch.setSeverity(Inputs.enumValue(Severity.class, value));
			case "storyPoints" -> patch.setStoryPoints((Integer) value);
			// the schema admits no other field of UpdateTaskInput
			default -> throw new IllegalArgumentException("Unknown field " + field);
		}
	}

}
