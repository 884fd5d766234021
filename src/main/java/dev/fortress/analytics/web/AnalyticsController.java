package dev.fortress.analytics.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.analytics.internal.AnalyticsRebuild;
import dev.fortress.analytics.internal.DropAnalytics;
import dev.fortress.analytics.internal.DropAnalytics.DropFigures;
import dev.fortress.analytics.internal.ProjectAnalytics;
import dev.fortress.catalog.CatalogApi;
import dev.fortress.catalog.Variant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.inventory.DropState;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.ProjectMembership;

/**
 * The read models over HTTP. Whether a drop or project exists, and who may see a project,
 * is asked of the modules that own them (inventory, TaskForge), so analytics answers the
 * same 404s as they do; the figures themselves come only from analytics' own tables.
 */
@RestController
@Validated
@Tag(name = "Analytics", description = "Read models built from events")
class AnalyticsController {

	private final DropAnalytics drops;

	private final ProjectAnalytics projects;

	private final AnalyticsRebuild rebuild;

	private final InventoryApi inventory;

	private final CatalogApi catalog;

	private final ProjectMembership membership;

	private final Clock clock;

	AnalyticsController(DropAnalytics drops, ProjectAnalytics projects, AnalyticsRebuild rebuild,
			InventoryApi inventory, CatalogApi catalog, ProjectMembership membership, Clock clock) {
		this.drops = drops;
		this.projects = projects;
		this.rebuild = rebuild;
		this.inventory = inventory;
		this.catalog = catalog;
		this.membership = membership;
		this.clock = clock;
	}

	@GetMapping("/api/v1/analytics/drops/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "A drop's sales: units sold, revenue, checkout attempts, conversion, time to sell out",
			description = "ADMIN only. Orders, units and revenue count orders paid and not cancelled; attempts are "
					+ "checkout requests for the drop (sold-out refusals included), published about once a second.")
	DropAnalyticsView drop(@PathVariable UUID id) {
		DropState drop = this.inventory.findDrop(id).orElseThrow(() -> ApiException.notFound("Drop"));
		DropFigures figures = this.drops.find(id).orElse(new DropFigures(id, 0, 0, 0, 0, null, null, null));
		String currency = (figures.currency() != null) ? figures.currency() : priceCurrency(drop.sku());
		Long sellOutSeconds = (figures.soldOutAt() != null && figures.openedAt() != null)
				? Math.max(0, Duration.between(figures.openedAt(), figures.soldOutAt()).toSeconds()) : null;
		double conversion = (figures.attempts() == 0) ? 0
				: Math.round(figures.orders() * 10_000.0 / figures.attempts()) / 10_000.0;
		return new DropAnalyticsView(id, figures.unitsSold(), new Money(figures.revenue(), currency),
				figures.attempts(), figures.orders(), conversion, figures.soldOutAt(), sellOutSeconds);
	}

	@GetMapping("/api/v1/projects/{projectId}/analytics")
	@Operation(summary = "Tasks created and completed per day (UTC) in a project",
			description = "Any member; 404 for everyone else. days = how many days, ending today, oldest first.")
	ProjectAnalyticsView project(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "14") @Min(1) @Max(366) int days, CurrentUser user) {
		if (!this.membership.canView(projectId, user)) {
			throw ApiException.notFound("Project");
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return new ProjectAnalyticsView(this.projects.days(projectId, today.minusDays(days - 1L), today));
	}

	@PostMapping("/api/v1/admin/analytics/rebuild")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Recompute every analytics read model from the analytics event log",
			description = "ADMIN only. 202 once the fresh read models are committed (one transaction).")
	ResponseEntity<Map<String, Object>> rebuild() {
		AnalyticsRebuild.Result result = this.rebuild.rebuild();
		return ResponseEntity.accepted()
			.body(Map.of("events", result.events(), "orders", result.orders(), "drops", result.drops(), "projectDays",
					result.projectDays()));
	}

	/**
	 * A drop with no order yet: its revenue is zero in the currency its SKU is priced in.
	 */
	private String priceCurrency(String sku) {
		Variant variant = this.catalog.findVariants(List.of(sku)).get(sku);
		return (variant != null) ? variant.price().currency() : "USD";
	}

	record DropAnalyticsView(UUID dropId, int unitsSold, Money revenue, long attempts, int orders, double conversion,
			@Nullable Instant soldOutAt, @Nullable Long sellOutSeconds) {
	}

	record ProjectAnalyticsView(List<ProjectAnalytics.Day> days) {
	}

}
