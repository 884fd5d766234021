package dev.fortress.tasks.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A project's summary report.
 *
 * @param categories task counts per category (a {@code null} category = uncategorised)
 * @param ranking open tasks ranked within their category, most urgent first (ties share a
 * rank)
 * @param trend tasks completed per day, with the change against the day before
 */
record SummaryReport(UUID projectId, Instant generatedAt, List<CategoryCounts> categories, List<RankedTask> ranking,
		List<TrendDay> trend) {

	record CategoryCounts(@Nullable UUID categoryId, @Nullable String name, int total, Counts byPriority,
			StatusCounts byStatus) {
	}

	record Counts(int LOW, int MEDIUM, int HIGH, int URGENT) {
	}

	record StatusCounts(int TODO, int IN_PROGRESS, int BLOCKED, int DONE) {
	}

	record RankedTask(@Nullable UUID categoryId, UUID taskId, String title, String priority,
			@Nullable LocalDate dueDate, int rank) {
	}

	/**
	 * @param change completed minus the previous day's ({@code null} on the first day)
	 */
	record TrendDay(LocalDate date, int completed, @Nullable Integer change) {
	}

}
