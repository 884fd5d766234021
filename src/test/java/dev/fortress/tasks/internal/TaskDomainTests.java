package dev.fortress.tasks.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.platform.web.ProblemType;
import dev.fortress.tasks.api.NewTask;
import dev.fortress.tasks.api.Priority;
import dev.fortress.tasks.api.Severity;
import dev.fortress.tasks.api.TaskHistoryEntry.Change;
import dev.fortress.tasks.api.TaskPatch;
import dev.fortress.tasks.api.TaskStatus;
import dev.fortress.tasks.api.TaskType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task rules that need no database: factory, patch, diff, completion, If-Match. */
class TaskDomainTests {

	private static final UUID PROJECT = UUID.randomUUID();

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	@Test
	void theFactoryEnforcesTheFieldsOfEachType() {
		assertThat(create(TaskType.BUG, Severity.MAJOR, null).state().severity()).isEqualTo(Severity.MAJOR);
		assertThat(create(TaskType.FEATURE, null, 8).state().storyPoints()).isEqualTo(8);
		assertThat(create(TaskType.FEATURE, null, null).state().storyPoints()).isNull();
		assertInvalid(() -> create(TaskType.BUG, null, null), "severity");
		assertInvalid(() -> create(TaskType.TASK, Severity.MINOR, null), "severity");
		assertInvalid(() -> create(TaskType.BUG, Severity.MINOR, 3), "storyPoints");
		assertInvalid(() -> create(TaskType.TASK, null, 3), "storyPoints");
	}

	@Test
	void labelsAreNormalisedAndChecked() {
		assertThat(TaskFactory.labels(List.of(" UI ", "ui", "Back-end", "v1.2"))).containsExactly("back-end", "ui",
				"v1.2");
		assertThat(TaskFactory.labels(null)).isEmpty();
		assertInvalid(() -> TaskFactory.labels(List.of("<b>")), "labels");
		assertInvalid(() -> TaskFactory.labels(List.of(" ")), "labels");
		assertInvalid(() -> TaskFactory.labels(List.of("x".repeat(51))), "labels");
		List<String> many = new ArrayList<>();
		for (int i = 0; i <= TaskFactory.MAX_LABELS; i++) {
			many.add("l" + i);
		}
		assertInvalid(() -> TaskFactory.labels(many), "labels");
		assertInvalid(() -> TaskFactory.checkDate(LocalDate.of(1999, 12, 31)), "dueDate");
	}

	@Test
	void aPatchChangesOnlyWhatItNamesAndClearsOnExplicitNull() {
		Task task = create(TaskType.TASK, null, null);
		TaskPatch patch = new TaskPatch(Optional.of("  Renamed "), Optional.empty(), null, null, null, null, null,
				Optional.of(LocalDate.of(2030, 2, 2)), null, null, null);
		TaskState next = TaskFactory.patched(task, patch);
		assertThat(next.title()).isEqualTo("Renamed");
		assertThat(next.description()).isNull();
		assertThat(next.priority()).isEqualTo(task.state().priority());
		assertThat(next.dueDate()).isEqualTo(LocalDate.of(2030, 2, 2));
		assertInvalid(
				() -> TaskFactory.patched(task,
						new TaskPatch(null, null, Optional.empty(), null, null, null, null, null, null, null, null)),
				"priority");
		assertInvalid(() -> TaskFactory.patched(task,
				new TaskPatch(null, null, null, null, null, null, null, null, null, Optional.of(Severity.MAJOR), null)),
				"severity");
	}

	@Test
	void theDiffNamesEachChangedFieldWithBeforeAndAfter() {
		Task task = create(TaskType.TASK, null, null);
		TaskState s = task.state();
		TaskState next = new TaskState(s.projectId(), "Other", s.description(), Priority.URGENT, s.status(),
				s.categoryId(), s.assigneeId(), List.of("a"), s.dueDate(), s.parentId(), null, null);
		assertThat(next.changesSince(s)).isEqualTo(Map.of("title", new Change("Title", "Other"), "priority",
				new Change("MEDIUM", "URGENT"), "labels", new Change(List.of(), List.of("a"))));
		assertThat(s.changesSince(s)).isEmpty();
	}

	@Test
	void completionIsStampedOnEnteringDoneAndClearedOnLeaving() {
		Task task = create(TaskType.TASK, null, null);
		Task done = task.next(withStatus(task.state(), TaskStatus.DONE), NOW.plusSeconds(5));
		assertThat(done.completedAt()).isEqualTo(NOW.plusSeconds(5));
		assertThat(done.version()).isEqualTo(2);
		Task stillDone = done.next(done.state(), NOW.plusSeconds(9));
		assertThat(stillDone.completedAt()).as("kept while it stays done").isEqualTo(NOW.plusSeconds(5));
		assertThat(stillDone.next(withStatus(done.state(), TaskStatus.TODO), NOW).completedAt()).isNull();
	}

	@Test
	void ifMatchAcceptsQuotedWeakAndWildcardTags() {
		assertThat(IfMatch.parse(null).isAny()).isTrue();
		assertThat(IfMatch.parse("*").isAny()).isTrue();
		assertThat(IfMatch.parse("\"3\"").versions()).containsExactly(3L);
		assertThat(IfMatch.parse("W/\"3\"").versions()).containsExactly(3L);
		IfMatch.parse("\"3\"").check(3);
		assertThatThrownBy(() -> IfMatch.parse("\"2\"").check(3)).isInstanceOfSatisfying(ApiException.class,
				ex -> assertThat(ex.type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
		assertThatThrownBy(() -> IfMatch.parse("\"abc\"").check(3)).isInstanceOf(ApiException.class);
	}

	@Test
	void ifMatchWithAListMatchesAnyOfItsTags() {
		IfMatch.parse("\"2\", \"3\"").check(3);
		IfMatch.parse("\"junk\",W/\"3\"").check(3);
		assertThatThrownBy(() -> IfMatch.parse("\"1\", \"2\"").check(3)).isInstanceOf(ApiException.class);
	}

	@Test
	void postgresUuidOrderIsUnsigned() {
		UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
		UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
		assertThat(low.compareTo(high)).as("Java compares signed").isPositive();
		assertThat(MemoryTaskSearch.compareUuids(low, high)).isNegative();
		List<UUID> sorted = new ArrayList<>(Arrays.asList(high, low));
		sorted.sort(MemoryTaskSearch::compareUuids);
		assertThat(sorted).containsExactly(low, high);
	}

	private static Task create(TaskType type, Severity severity, Integer points) {
		return TaskFactory.create(new NewTask("Title", "Text", type, Priority.MEDIUM, null, null, null, List.of(), null,
				null, severity, points), PROJECT, UUID.randomUUID(), NOW);
	}

	private static TaskState withStatus(TaskState s, TaskStatus status) {
		return new TaskState(s.projectId(), s.title(), s.description(), s.priority(), status, s.categoryId(),
				s.assigneeId(), s.labels(), s.dueDate(), s.parentId(), s.severity(), s.storyPoints());
	}

	private static void assertInvalid(Runnable action, String field) {
		assertThatThrownBy(action::run).isInstanceOfSatisfying(ApiException.class,
				ex -> assertThat(ex.errors()).extracting(ApiException.FieldError::field).containsExactly(field));
	}

}
