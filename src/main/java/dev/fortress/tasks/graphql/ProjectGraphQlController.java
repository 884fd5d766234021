package dev.fortress.tasks.graphql;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.graphql.Connection;
import dev.fortress.platform.graphql.Inputs;
import dev.fortress.platform.graphql.PageArguments;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.Project;
import dev.fortress.tasks.api.TaskQuery;
import dev.fortress.tasks.api.TaskSort;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;
import dev.fortress.tasks.api.TaskView;
import dev.fortress.tasks.graphql.TaskLoaders.ProjectTasks;
import dev.fortress.tasks.internal.ProjectService;
import dev.fortress.tasks.internal.TaskService;

@Controller
class ProjectGraphQlController {

	private final ProjectService projects;

	private final TaskService tasks;

	ProjectGraphQlController(ProjectService projects, TaskService tasks) {
		this.projects = projects;
		this.tasks = tasks;
	}

	@QueryMapping
	Connection<Project> projects(@Argument @Nullable Integer first, @Argument @Nullable String after,
			CurrentUser caller) {
		PageArguments page = PageArguments.of(first, after);
		return Connection.read(page, (cursor, limit) -> this.projects.list(cursor, limit, caller));
	}

	@QueryMapping
	Project project(@Argument String id, CurrentUser caller) {
		return this.projects.get(Inputs.requiredUuid("id", id), caller);
	}

	@SchemaMapping(typeName = "Project", field = "role")
	@Nullable String role(Project project) {
		return project.callerRole() == null ? null : project.callerRole().name();
	}

	/**
	 * The project's page of tasks, read together with the pages of every other project of
	 * the same query level ({@link TaskLoaders#PROJECT_TASKS}).
	 */
	@SchemaMapping(typeName = "Project", field = "tasks")
	CompletableFuture<Connection<TaskView>> tasks(Project project, @Argument @Nullable String status,
			@Argument @Nullable String priority, @Argument @Nullable String type, @Argument @Nullable String categoryId,
			@Argument @Nullable String assigneeId, @Argument @Nullable String label, @Argument @Nullable String q,
			@Argument @Nullable LocalDate dueBefore, @Argument @Nullable String sort, @Argument @Nullable Integer first,
			@Argument @Nullable String after, CurrentUser caller, DataFetchingEnvironment environment) {
		PageArguments page = PageArguments.of(first, after);
		// the limits of GET /api/v1/tasks
		String labelText = Inputs.text("label", label, 50);
		String normalisedLabel = labelText == null ? null : labelText.toLowerCase(Locale.ROOT);
		String text = Inputs.text("q", q, 200);
		TaskSort order = sort == null ? TaskSort.CREATED : TaskSort.valueOf(sort);
		TaskStatus statusFilter = Inputs.enumValue(TaskStatus.class, status);
		Priority priorityFilter = Inputs.enumValue(Priority.class, priority);
		TaskType typeFilter = Inputs.enumValue(TaskType.class, type);
		UUID category = Inputs.uuid("categoryId", categoryId);
		UUID assignee = Inputs.uuid("assigneeId", assigneeId);
		BiFunction<@Nullable String, Integer, TaskQuery> query = (cursor, limit) -> new TaskQuery(null, statusFilter,
				priorityFilter, typeFilter, category, assignee, normalisedLabel, text, dueBefore, order, cursor, limit);
		String start = page.pageCursor();
		if (page.insidePage()) {
			// a position inside a page of this project: the rows before it say where to
			// start (one read of this project alone, as only a resumed page needs it)
			start = this.tasks.listPerProject(List.of(project.id()), query.apply(start, page.skip()), caller)
				.get(project.id())
				.nextCursor();
			if (start == null) {
				return CompletableFuture.completedFuture(Connection.afterTheEnd());
			}
		}
		String from = start;
		DataLoader<ProjectTasks, CursorPage<TaskView>> loader = environment.getDataLoader(TaskLoaders.PROJECT_TASKS);
		return loader.load(new ProjectTasks(project.id(), query.apply(from, page.first()), caller))
			.thenApply(tasks -> Connection.of(from, tasks));
	}

}
