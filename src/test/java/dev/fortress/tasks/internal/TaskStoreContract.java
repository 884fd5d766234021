package dev.fortress.tasks.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.platform.Ids;
import dev.fortress.tasks.api.Comment;
import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.Severity;
import dev.fortress.tasks.api.TaskHistoryEntry.Action;
import dev.fortress.tasks.api.TaskHistoryEntry.Change;
import dev.fortress.tasks.api.TaskSort;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link TaskStore} keeps. It runs unchanged against each
 * implementation: {@code MemoryTaskStoreContractTests} (plain JUnit) and
 * {@code JdbcTaskStoreContractTests} (real PostgreSQL). Subclasses only say how to get a
 * store, a user, a project, a category and transactions.
 */
abstract class TaskStoreContract {

	private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

	protected abstract TaskStore store();

	/** A user that exists as far as the store is concerned. */
	protected abstract UUID user();

	/** A new, empty project. */
	protected abstract UUID newProject();

	/** A new category of the project. */
	protected abstract UUID newCategory(UUID project);

	/** Makes {@link #user()} a member of the project. */
	protected abstract void join(UUID project);

	protected abstract TransactionTemplate transactions();

	@Test
	void storesAndFindsATaskWithAllItsFields() {
		UUID project = newProject();
		UUID category = newCategory(project);
		Task bug = task(project, "Crash", TaskType.BUG, Priority.URGENT, LocalDate.of(2030, 2, 1), 0,
				new TaskState(project, "Crash", "When saving", Priority.URGENT, TaskStatus.IN_PROGRESS, category,
						user(), List.of("crash", "ui"), LocalDate.of(2030, 2, 1), null, Severity.CRITICAL, null));
		store().insert(bug, created(bug));

		assertThat(store().find(bug.id())).contains(bug);
		assertThat(store().findForUpdate(bug.id())).contains(bug);
		assertThat(store().find(UUID.randomUUID())).isEmpty();
		assertThat(store().versions(bug.id())).singleElement().satisfies(v -> {
			assertThat(v.action()).isEqualTo(Action.CREATED);
			assertThat(v.state()).isEqualTo(bug.state());
		});
		assertThat(store().countInProject(project)).isEqualTo(1);
	}

	@Test
	void updatesOnlyFromTheExpectedVersionAndAppendsHistory() {
		UUID project = newProject();
		Task task = insert(project, "v1", Priority.LOW, null, 0);
		TaskState renamed = withTitle(task.state(), "v2");
		Task v2 = task.next(renamed, T0.plusSeconds(60));
		TaskVersion entry = TaskVersion.of(v2, Action.UPDATED, user(), renamed.changesSince(task.state()));

		assertThat(store().update(v2, 1, entry)).isTrue();
		assertThat(store().find(task.id())).contains(v2);
		Task stale = task.next(withTitle(task.state(), "lost"), T0.plusSeconds(61));
		assertThat(store().update(stale, 1, TaskVersion.of(stale, Action.UPDATED, user(), Map.of()))).isFalse();
		assertThat(store().find(task.id()).orElseThrow().state().title()).isEqualTo("v2");

		List<TaskVersion> history = store().versions(task.id());
		assertThat(history).extracting(TaskVersion::version).containsExactly(1L, 2L);
		assertThat(history.get(1).changes()).isEqualTo(Map.of("title", new Change("v1", "v2")));
		assertThat(store().version(task.id(), 2)).contains(history.get(1));
		assertThat(store().version(task.id(), 3)).isEmpty();
	}

	@Test
	void labelsAreReplacedOnUpdate() {
		UUID project = newProject();
		Task task = insert(project, "labels", Priority.LOW, null, 0);
		TaskState s = task.state();
		TaskState relabelled = new TaskState(project, s.title(), s.description(), s.priority(), s.status(), null, null,
				List.of("x", "y"), null, null, null, null);
		Task next = task.next(relabelled, T0);
		store().update(next, 1, TaskVersion.of(next, Action.UPDATED, user(), Map.of()));
		assertThat(store().find(task.id()).orElseThrow().state().labels()).containsExactly("x", "y");
	}

	@Test
	void deletingATaskDeletesItsSubtasksHistoryAndComments() {
		UUID project = newProject();
		Task parent = insert(project, "parent", Priority.LOW, null, 0);
		Task child = insertChild(project, "child", parent.id(), 1);
		Task other = insert(project, "other", Priority.LOW, null, 2);
		store().addComment(new Comment(Ids.newId(), parent.id(), user(), "hello", T0));
		assertThat(store().children(parent.id())).containsExactly(child);

		store().delete(parent.id());

		assertThat(store().find(parent.id())).isEmpty();
		assertThat(store().find(child.id())).isEmpty();
		assertThat(store().versions(parent.id())).isEmpty();
		assertThat(store().comments(parent.id())).isEmpty();
		assertThat(store().find(other.id())).isPresent();
	}

	@Test
	void commentsAreListedOldestFirstAndCountedInBulk() {
		UUID project = newProject();
		Task a = insert(project, "a", Priority.LOW, null, 0);
		Task b = insert(project, "b", Priority.LOW, null, 1);
		Task c = insert(project, "c", Priority.LOW, null, 2);
		Comment first = new Comment(Ids.newId(), a.id(), user(), "first", T0);
		Comment second = new Comment(Ids.newId(), a.id(), user(), "second", T0.plusSeconds(1));
		store().addComment(second);
		store().addComment(first);
		store().addComment(new Comment(Ids.newId(), b.id(), user(), "only", T0));

		assertThat(store().comments(a.id())).containsExactly(first, second);
		assertThat(store().commentCounts(List.of(a.id(), b.id(), c.id()))).isEqualTo(Map.of(a.id(), 2, b.id(), 1));
		assertThat(store().commentCounts(List.of())).isEmpty();
		assertThat(store().searchWithCommentCounts(TaskSearch.ofProject(project, null, 10)))
			.containsExactly(new TaskStore.Listed(c, 0), new TaskStore.Listed(b, 1), new TaskStore.Listed(a, 2));
		assertThat(store().searchWithCommentCounts(TaskSearch.ofProject(newProject(), null, 10))).isEmpty();
	}

	@Test
	void batchReadsAnswerManyTasksAsTheSingleReadsDo() {
		UUID project = newProject();
		Task a = insert(project, "a", Priority.LOW, null, 0);
		Task b = insert(project, "b", Priority.LOW, null, 1);
		Task a1 = insertChild(project, "a1", a.id(), 2);
		Task a2 = insertChild(project, "a2", a.id(), 3);
		Comment first = new Comment(Ids.newId(), a.id(), user(), "first", T0);
		Comment second = new Comment(Ids.newId(), a.id(), user(), "second", T0.plusSeconds(1));
		store().addComment(second);
		store().addComment(first);
		Task renamed = b.next(withTitle(b.state(), "b2"), T0.plusSeconds(60));
		store().update(renamed, 1, TaskVersion.of(renamed, Action.UPDATED, user(), Map.of()));

		List<UUID> ids = List.of(a.id(), b.id());
		assertThat(store().commentsOf(ids).get(a.id())).containsExactly(first, second);
		assertThat(store().commentsOf(ids).getOrDefault(b.id(), List.of())).isEmpty();
		assertThat(store().childrenOf(ids).get(a.id())).containsExactly(a1, a2);
		assertThat(store().childrenOf(ids).getOrDefault(b.id(), List.of())).isEmpty();
		assertThat(store().versionsOf(ids).get(b.id())).isEqualTo(store().versions(b.id())).hasSize(2);
		assertThat(store().versionsOf(ids).get(a.id())).isEqualTo(store().versions(a.id()));
		assertThat(store().commentsOf(List.of())).isEmpty();
	}

	@Test
	void aSearchPerProjectPagesEachProjectOnItsOwn() {
		UUID one = newProject();
		UUID two = newProject();
		UUID empty = newProject();
		List<Task> ofOne = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ofOne.add(0, insert(one, "one " + i, Priority.LOW, null, i));
		}
		Task onlyOfTwo = insert(two, "two", Priority.LOW, null, 10);
		store().addComment(new Comment(Ids.newId(), onlyOfTwo.id(), user(), "hi", T0));

		// two rows per project (a page of one, plus the row that says there is more)
		TaskSearch search = new TaskSearch(new LinkedHashSet<>(List.of(one, two, empty)), null, null, null, null, null,
				null, null, null, null, TaskSort.CREATED, null, 2);
		List<TaskStore.Listed> rows = store().searchPerProject(search);
		assertThat(rows.stream().filter(row -> row.task().projectId().equals(one)).map(TaskStore.Listed::task))
			.containsExactly(ofOne.get(0), ofOne.get(1));
		assertThat(rows.stream().filter(row -> row.task().projectId().equals(two)))
			.containsExactly(new TaskStore.Listed(onlyOfTwo, 1));
		assertThat(rows).hasSize(3);

		TaskCursor after = TaskCursor.after(TaskSort.CREATED, ofOne.get(1));
		TaskSearch next = new TaskSearch(Set.of(one, two), null, null, null, null, null, null, null, null, null,
				TaskSort.CREATED, after, 2);
		assertThat(store().searchPerProject(next).stream().map(row -> row.task().id()))
			.containsExactly(ofOne.get(2).id());
	}

	@Test
	void searchFiltersByEveryCriterionAndVisibility() {
		UUID project = newProject();
		UUID hidden = newProject();
		UUID category = newCategory(project);
		Task a = insert(project, "Upgrade the database", Priority.HIGH, LocalDate.of(2030, 1, 5), 0);
		Task b = store(project, 1, new TaskState(project, "Fix login", "database drops", Priority.URGENT,
				TaskStatus.BLOCKED, category, user(), List.of("ops"), null, null, Severity.MAJOR, null), TaskType.BUG);
		Task c = insert(hidden, "Hidden database work", Priority.HIGH, null, 2);

		assertThat(ids(search(Set.of(project), null, null, null, null, null, null, null))).containsExactly(b.id(),
				a.id());
		assertThat(ids(search(null, null, null, null, null, null, null, null))).contains(a.id(), b.id(), c.id());
		assertThat(ids(search(Set.of(project), TaskStatus.BLOCKED, null, null, null, null, null, null)))
			.containsExactly(b.id());
		assertThat(ids(search(Set.of(project), null, Priority.HIGH, null, null, null, null, null)))
			.containsExactly(a.id());
		assertThat(ids(search(Set.of(project), null, null, TaskType.BUG, null, null, null, null)))
			.containsExactly(b.id());
		assertThat(ids(search(Set.of(project), null, null, null, category, null, null, null))).containsExactly(b.id());
		assertThat(ids(search(Set.of(project), null, null, null, null, user(), null, null))).containsExactly(b.id());
		assertThat(ids(search(Set.of(project), null, null, null, null, null, "ops", null))).containsExactly(b.id());
		assertThat(ids(search(Set.of(project), null, null, null, null, null, null, "Database"))).containsExactly(b.id(),
				a.id());
		assertThat(ids(search(Set.of(project), null, null, null, null, null, null, "upgrade database")))
			.containsExactly(a.id());
		TaskSearch dueBefore = new TaskSearch(Set.of(project), null, null, null, null, null, null, null, null,
				LocalDate.of(2030, 2, 1), TaskSort.CREATED, null, 10);
		assertThat(ids(store().search(dueBefore))).containsExactly(a.id());
		assertThat(ids(search(Set.of(), null, null, null, null, null, null, null))).isEmpty();
	}

	@Test
	void keysetPagesFollowEachSortOrderWithoutGapsOrRepeats() {
		UUID project = newProject();
		Priority[] priorities = { Priority.LOW, Priority.URGENT, Priority.MEDIUM, Priority.URGENT, Priority.HIGH,
				Priority.LOW, Priority.MEDIUM, Priority.HIGH };
		LocalDate[] dues = { LocalDate.of(2030, 5, 1), null, LocalDate.of(2030, 1, 1), LocalDate.of(2030, 5, 1), null,
				LocalDate.of(2029, 12, 31), LocalDate.of(2030, 1, 1), null };
		List<Task> all = new ArrayList<>();
		for (int i = 0; i < priorities.length; i++) {
			// two tasks share each creation instant, so the id must break ties
			all.add(insert(project, "t" + i, priorities[i], dues[i], i / 2));
		}
		Comparator<Task> newest = Comparator.comparing(Task::createdAt)
			.thenComparing(Task::id, MemoryTaskSearch::compareUuids)
			.reversed();
		Map<TaskSort, Comparator<Task>> orders = Map.of(TaskSort.CREATED, newest, TaskSort.PRIORITY,
				Comparator.<Task>comparingInt(t -> t.state().priority().rank()).reversed().thenComparing(newest),
				TaskSort.DUE_DATE,
				Comparator
					.<Task, LocalDate>comparing(
							t -> t.state().dueDate() == null ? TaskCursor.NO_DUE_DATE : t.state().dueDate())
					.thenComparing(Task::id, MemoryTaskSearch::compareUuids));
		for (TaskSort sort : TaskSort.values()) {
			List<UUID> walked = new ArrayList<>();
			TaskCursor after = null;
			List<Task> page;
			do {
				page = store().search(
						new TaskSearch(null, project, null, null, null, null, null, null, null, null, sort, after, 3));
				page.forEach(t -> walked.add(t.id()));
				after = page.isEmpty() ? null : TaskCursor.after(sort, page.get(page.size() - 1));
			}
			while (page.size() == 3);
			assertThat(walked).as(sort.name())
				.containsExactlyElementsOf(ids(all.stream().sorted(orders.get(sort)).toList()));
		}
	}

	@Test
	void deletingAProjectReachesEveryTask() {
		UUID project = newProject();
		UUID category = newCategory(project);
		Task a = store(project, 0, new TaskState(project, "a", null, Priority.LOW, TaskStatus.TODO, category, null,
				List.of(), null, null, null, null), TaskType.TASK);
		insert(project, "b", Priority.LOW, null, 1);
		store().deleteProject(project);
		assertThat(store().countInProject(project)).isZero();
		assertThat(store().find(a.id())).isEmpty();
	}

	@Test
	void writesInARolledBackTransactionAreUndone() {
		UUID project = newProject();
		Task kept = insert(project, "kept", Priority.LOW, null, 0);
		Task renamed = kept.next(withTitle(kept.state(), "renamed"), T0);
		assertThatThrownBy(() -> transactions().executeWithoutResult(status -> {
			insert(project, "phantom", Priority.LOW, null, 1);
			store().update(renamed, 1, TaskVersion.of(renamed, Action.UPDATED, user(), Map.of()));
			store().addComment(new Comment(Ids.newId(), kept.id(), user(), "phantom", T0));
			throw new IllegalStateException("boom");
		})).hasMessage("boom");

		assertThat(store().find(kept.id())).contains(kept);
		assertThat(store().versions(kept.id())).hasSize(1);
		assertThat(store().comments(kept.id())).isEmpty();
		assertThat(store().countInProject(project)).isEqualTo(1);
	}

	// fixtures

	@Test
	void aSearchByMemberSeesOnlyTheMembersProjects() {
		UUID mine = newProject();
		UUID alsoMine = newProject();
		UUID notMine = newProject();
		join(mine);
		join(alsoMine);
		Task a = insert(mine, "mine", Priority.LOW, null, 0);
		Task b = insert(alsoMine, "also mine", Priority.LOW, null, 1);
		insert(notMine, "not mine", Priority.LOW, null, 2);
		TaskSearch byMember = new TaskSearch(null, null, null, null, null, null, null, null, null, null,
				TaskSort.CREATED, null, 50, user());
		assertThat(store().search(byMember)).extracting(Task::id).containsExactlyInAnyOrder(a.id(), b.id());
		TaskSearch stranger = new TaskSearch(null, null, null, null, null, null, null, null, null, null,
				TaskSort.CREATED, null, 50, UUID.randomUUID());
		assertThat(store().search(stranger)).isEmpty();
	}

	private Task insert(UUID project, String title, Priority priority, LocalDate due, int minute) {
		return store(project, minute, new TaskState(project, title, null, priority, TaskStatus.TODO, null, null,
				List.of(), due, null, null, null), TaskType.TASK);
	}

	private Task insertChild(UUID project, String title, UUID parent, int minute) {
		return store(project, minute, new TaskState(project, title, null, Priority.LOW, TaskStatus.TODO, null, null,
				List.of(), null, parent, null, null), TaskType.TASK);
	}

	private Task store(UUID project, int minute, TaskState state, TaskType type) {
		Task task = task(project, state.title(), type, state.priority(), state.dueDate(), minute, state);
		store().insert(task, created(task));
		return task;
	}

	private Task task(UUID project, String title, TaskType type, Priority priority, LocalDate due, int minute,
			TaskState state) {
		Instant at = T0.plus(minute, ChronoUnit.MINUTES);
		return new Task(Ids.newId(), type, state, 1, user(), at, at, null);
	}

	private TaskVersion created(Task task) {
		return TaskVersion.of(task, Action.CREATED, user(), Map.of());
	}

	private List<Task> search(Set<UUID> visible, TaskStatus status, Priority priority, TaskType type, UUID category,
			UUID assignee, String label, String q) {
		return store().search(new TaskSearch(visible, null, status, priority, type, category, assignee, label, q, null,
				TaskSort.CREATED, null, 50));
	}

	private static TaskState withTitle(TaskState s, String title) {
		return new TaskState(s.projectId(), title, s.description(), s.priority(), s.status(), s.categoryId(),
				s.assigneeId(), s.labels(), s.dueDate(), s.parentId(), s.severity(), s.storyPoints());
	}

	private static List<UUID> ids(List<Task> tasks) {
		return tasks.stream().map(Task::id).toList();
	}

}
