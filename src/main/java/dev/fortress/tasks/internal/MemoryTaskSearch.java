package dev.fortress.tasks.internal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;

/**
 * The memory store's version of {@link TaskSearchSql}: the same filters, the same sort
 * orders (PostgreSQL's, including unsigned UUID order) and the same keyset positions, so
 * the contract suite sees identical pages from both stores.
 */
final class MemoryTaskSearch {

	private final TaskSearch search;

	MemoryTaskSearch(TaskSearch search) {
		this.search = search;
	}

	List<Task> apply(Collection<Task> tasks) {
		Comparator<Task> order = order();
		TaskCursor after = this.search.after();
		Predicate<Task> afterCursor = (after == null) ? task -> true
				: task -> order.compare(task, positionOf(after)) > 0;
		return tasks.stream()
			.filter(this::matches)
			.filter(afterCursor)
			.sorted(order)
			.limit(this.search.fetch())
			.toList();
	}

	private boolean matches(Task task) {
		TaskState s = task.state();
		TaskSearch q = this.search;
		return (q.visibleProjects() == null || q.visibleProjects().contains(s.projectId()))
				&& (q.projectId() == null || q.projectId().equals(s.projectId()))
				&& (q.status() == null || q.status() == s.status())
				&& (q.priority() == null || q.priority() == s.priority())
				&& (q.type() == null || q.type() == task.type())
				&& (q.categoryId() == null || q.categoryId().equals(s.categoryId()))
				&& (q.assigneeId() == null || q.assigneeId().equals(s.assigneeId()))
				&& (q.label() == null || s.labels().contains(q.label()))
				&& (q.q() == null || words(s.title() + " " + (s.description() == null ? "" : s.description()))
					.containsAll(words(q.q())))
				&& (q.dueBefore() == null || (s.dueDate() != null && s.dueDate().isBefore(q.dueBefore())));
	}

	/** Like PostgreSQL's 'simple' text search configuration: lower-cased words. */
	private static Set<String> words(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(word -> !word.isEmpty())
			.collect(Collectors.toSet());
	}

	private Comparator<Task> order() {
		Comparator<Task> newestFirst = Comparator.comparing(Task::createdAt)
			.thenComparing(Task::id, MemoryTaskSearch::compareUuids)
			.reversed();
		return switch (this.search.sort()) {
			case CREATED -> newestFirst;
			case PRIORITY -> Comparator.<Task>comparingInt(task -> task.state().priority().rank())
				.reversed()
				.thenComparing(newestFirst);
			case DUE_DATE ->
				Comparator.comparing(MemoryTaskSearch::dueKey).thenComparing(Task::id, MemoryTaskSearch::compareUuids);
		};
	}

	private static LocalDate dueKey(Task task) {
		LocalDate due = task.state().dueDate();
		return due == null ? TaskCursor.NO_DUE_DATE : due;
	}

	/** A stand-in task carrying only the cursor's sort keys, to compare rows against. */
	private static Task positionOf(TaskCursor cursor) {
		TaskState state = new TaskState(cursor.id(), "", null, Priority.ofRank(cursor.priority()), TaskStatus.TODO,
				null, null, List.of(), cursor.dueKey().equals(TaskCursor.NO_DUE_DATE) ? null : cursor.dueKey(), null,
				null, null);
		return new Task(cursor.id(), TaskType.TASK, state, 0, cursor.id(), cursor.createdAt(), cursor.createdAt(),
				null);
	}

	/** PostgreSQL orders uuids by their bytes, unsigned; Java's compareTo is signed. */
	static int compareUuids(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

}
