package dev.fortress.tasks.graphql;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.tasks.api.Category;
import dev.fortress.tasks.api.Comment;
import dev.fortress.tasks.api.TaskHistoryEntry;
import dev.fortress.tasks.api.TaskQuery;
import dev.fortress.tasks.api.TaskView;
import dev.fortress.tasks.internal.CategoryService;
import dev.fortress.tasks.internal.CommentService;
import dev.fortress.tasks.internal.TaskHistoryService;
import dev.fortress.tasks.internal.TaskService;

/**
 * The batch loads behind TaskForge's nested fields, one use case call per level of a
 * query whatever the number of parents: the pages of tasks of many projects, and the
 * people, categories, comments, subtasks and histories of many tasks. Registered per
 * request by Spring for GraphQL; a field asks its loader for one parent's value and the
 * loader is dispatched once all parents of that level have asked.
 */
@Component
class TaskLoaders {

	static final String PROJECT_TASKS = "projectTasks";

	static final String PEOPLE = "people";

	static final String CATEGORIES = "taskCategories";

	static final String COMMENTS = "taskComments";

	static final String SUBTASKS = "taskSubtasks";

	static final String HISTORY = "taskHistory";

	TaskLoaders(BatchLoaderRegistry registry, TaskService tasks, CategoryService categories, CommentService comments,
			TaskHistoryService history, IdentityApi identity) {
		registry.<ProjectTasks, CursorPage<TaskView>>forName(PROJECT_TASKS)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> projectTasks(tasks, keys)));
		registry.<UUID, UserSummary>forName(PEOPLE)
			.registerMappedBatchLoader((ids, environment) -> Mono.fromCallable(() -> identity.findUsers(ids)));
		registry.<Asked<UUID>, Category>forName(CATEGORIES)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(
					() -> byCaller(keys, (ids, caller) -> categories.findAll(ids, caller), Function.identity())));
		registry.<Asked<TaskView>, List<Comment>>forName(COMMENTS)
			.registerMappedBatchLoader(
					(keys, environment) -> Mono.fromCallable(() -> byCaller(keys, comments::listFor, TaskView::id)));
		registry.<Asked<TaskView>, List<TaskView>>forName(SUBTASKS)
			.registerMappedBatchLoader(
					(keys, environment) -> Mono.fromCallable(() -> byCaller(keys, tasks::subtasksFor, TaskView::id)));
		registry.<Asked<TaskView>, List<TaskHistoryEntry>>forName(HISTORY)
			.registerMappedBatchLoader(
					(keys, environment) -> Mono.fromCallable(() -> byCaller(keys, history::historyFor, TaskView::id)));
	}

	/**
	 * One use case call per caller (in practice one: a request has one caller), with
	 * every subject asked for; the answers are keyed back by {@code id}.
	 */
	private static <S, I, V> Map<Asked<S>, V> byCaller(Set<Asked<S>> keys,
			BiFunction<Collection<S>, CurrentUser, Map<I, V>> load, Function<S, I> id) {
		Map<Asked<S>, V> values = new HashMap<>();
		Map<CurrentUser, List<Asked<S>>> byCaller = keys.stream().collect(Collectors.groupingBy(Asked::caller));
		byCaller.forEach((caller, asked) -> {
			Map<I, V> loaded = load.apply(asked.stream().map(Asked::subject).toList(), caller);
			asked.forEach(key -> {
				V value = loaded.get(id.apply(key.subject()));
				if (value != null) {
					values.put(key, value);
				}
			});
		});
		return values;
	}

	/** One statement for the pages of every project asked with the same filters. */
	private static Map<ProjectTasks, CursorPage<TaskView>> projectTasks(TaskService tasks, Set<ProjectTasks> keys) {
		Map<ProjectTasks, CursorPage<TaskView>> pages = new LinkedHashMap<>();
		Map<Asked<TaskQuery>, List<ProjectTasks>> byQuery = keys.stream()
			.collect(Collectors.groupingBy(key -> new Asked<>(key.query(), key.caller())));
		byQuery.forEach((query, asked) -> {
			Map<UUID, CursorPage<TaskView>> loaded = tasks
				.listPerProject(asked.stream().map(ProjectTasks::projectId).toList(), query.subject(), query.caller());
			asked.forEach(key -> pages.put(key, loaded.get(key.projectId())));
		});
		return pages;
	}

	/** A page of a project's tasks: the project, the query without it, the caller. */
	record ProjectTasks(UUID projectId, TaskQuery query, CurrentUser caller) {
	}

}
