package dev.fortress.tasks.graphql;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.graphql.Connection;
import dev.fortress.platform.graphql.PageArguments;
import dev.fortress.tasks.api.Category;
import dev.fortress.tasks.api.Comment;
import dev.fortress.tasks.api.TaskHistoryEntry;
import dev.fortress.tasks.api.TaskView;

/**
 * The fields nested in a task, each through its DataLoader: asked for by every task of a
 * page, read once for all of them.
 */
@Controller
class TaskFieldsGraphQlController {

	private final JsonMapper json = JsonMapper.builder().build();

	@SchemaMapping(typeName = "Task", field = "assignee")
	CompletableFuture<@Nullable UserSummary> assignee(TaskView task, DataFetchingEnvironment environment) {
		return person(task.assigneeId(), environment);
	}

	@SchemaMapping(typeName = "Task", field = "category")
	CompletableFuture<@Nullable Category> category(TaskView task, CurrentUser caller,
			DataFetchingEnvironment environment) {
		if (task.categoryId() == null) {
			return CompletableFuture.completedFuture(null);
		}
		DataLoader<Asked<UUID>, Category> loader = environment.getDataLoader(TaskLoaders.CATEGORIES);
		return loader.load(new Asked<>(task.categoryId(), caller));
	}

	@SchemaMapping(typeName = "Task", field = "comments")
	CompletableFuture<Connection<Comment>> comments(TaskView task, @Argument @Nullable Integer first,
			@Argument @Nullable String after, CurrentUser caller, DataFetchingEnvironment environment) {
		return page(TaskLoaders.COMMENTS, task, first, after, caller, environment);
	}

	@SchemaMapping(typeName = "Task", field = "subtasks")
	CompletableFuture<Connection<TaskView>> subtasks(TaskView task, @Argument @Nullable Integer first,
			@Argument @Nullable String after, CurrentUser caller, DataFetchingEnvironment environment) {
		return page(TaskLoaders.SUBTASKS, task, first, after, caller, environment);
	}

	@SchemaMapping(typeName = "Task", field = "history")
	CompletableFuture<Connection<TaskHistoryEntry>> history(TaskView task, @Argument @Nullable Integer first,
			@Argument @Nullable String after, CurrentUser caller, DataFetchingEnvironment environment) {
		return page(TaskLoaders.HISTORY, task, first, after, caller, environment);
	}

	@SchemaMapping(typeName = "Comment", field = "author")
	CompletableFuture<@Nullable UserSummary> author(Comment comment, DataFetchingEnvironment environment) {
		return person(comment.authorId(), environment);
	}

	@SchemaMapping(typeName = "TaskVersion", field = "changedBy")
	CompletableFuture<@Nullable UserSummary> changedBy(TaskHistoryEntry version, DataFetchingEnvironment environment) {
		return person(version.changedBy(), environment);
	}

	@SchemaMapping(typeName = "TaskVersion", field = "changes")
	List<FieldChange> changes(TaskHistoryEntry version) {
		return version.changes()
			.entrySet()
			.stream()
			.map(change -> new FieldChange(change.getKey(), text(change.getValue().from()),
					text(change.getValue().to())))
			.toList();
	}

	private <T> CompletableFuture<Connection<T>> page(String loaderName, TaskView task, @Nullable Integer first,
			@Nullable String after, CurrentUser caller, DataFetchingEnvironment environment) {
		PageArguments page = PageArguments.of(first, after);
		DataLoader<Asked<TaskView>, List<T>> loader = environment.getDataLoader(loaderName);
		return loader.load(new Asked<>(task, caller))
			.thenApply(all -> Connection.ofList(page, all == null ? List.of() : all));
	}

	private static CompletableFuture<@Nullable UserSummary> person(@Nullable UUID id,
			DataFetchingEnvironment environment) {
		if (id == null) {
			return CompletableFuture.completedFuture(null);
		}
		DataLoader<UUID, UserSummary> loader = environment.getDataLoader(TaskLoaders.PEOPLE);
		return loader.load(id);
	}

	private @Nullable String text(@Nullable Object value) {
		return value == null ? null : this.json.writeValueAsString(value);
	}

	/** One changed field, its values as JSON text. */
	record FieldChange(String field, @Nullable String from, @Nullable String to) {
	}

}
