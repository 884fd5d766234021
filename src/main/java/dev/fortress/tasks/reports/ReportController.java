package dev.fortress.tasks.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.tasks.internal.ProjectAccess;

@RestController
@Tag(name = "TaskForge reports")
class ReportController {

	private final Reports reports;

	private final ProjectAccess access;

	private final Clock clock;

	ReportController(Reports reports, ProjectAccess access, Clock clock) {
		this.reports = reports;
		this.access = access;
		this.clock = clock;
	}

	@GetMapping("/api/v1/projects/{projectId}/reports/summary")
	@Operation(summary = "Per-category counts, ranking within category, completion trend",
			description = "Any member. days = length of the trend ending today (UTC), top = ranks per category. "
					+ "Computed in SQL on the task table (so it reflects the JDBC task store).")
	@Transactional(readOnly = true)
	SummaryReport summary(@PathVariable UUID projectId, @RequestParam(defaultValue = "14") @Min(1) @Max(90) int days,
			@RequestParam(defaultValue = "3") @Min(1) @Max(50) int top, CurrentUser user) {
		this.access.requireViewer(projectId, user);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return new SummaryReport(projectId, this.clock.instant(), this.reports.categoryCounts(projectId),
				this.reports.ranking(projectId, top), this.reports.trend(projectId, today.minusDays(days - 1), today));
	}

}
