package dev.fortress.tasks.reports;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;
import dev.fortress.tasks.TaskForgeTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary report against answers worked out by hand for a small project. */
class SummaryReportIntegrationTests extends TaskForgeTest {

	@Test
	void countsRanksAndTrendMatchTheHandComputedAnswers() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Report");
		UUID alpha = createCategory(owner, project, "Alpha");
		UUID beta = createCategory(owner, project, "beta");
		UUID a1 = task(owner, project, "a1", alpha, "URGENT", "TODO", "2030-01-10");
		UUID a2 = task(owner, project, "a2", alpha, "URGENT", "IN_PROGRESS", "2030-01-05");
		UUID a3 = task(owner, project, "a3", alpha, "LOW", "DONE", null);
		UUID a4 = task(owner, project, "a4", alpha, "HIGH", "BLOCKED", null);
		UUID b1 = task(owner, project, "b1", beta, "MEDIUM", "TODO", null);
		UUID b2 = task(owner, project, "b2", beta, "MEDIUM", "TODO", null);
		UUID b3 = task(owner, project, "b3", beta, "LOW", "DONE", null);
		UUID u1 = task(owner, project, "u1", null, "HIGH", "TODO", null);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		completedOn(a3, today.minusDays(3));
		completedOn(b3, today.minusDays(1));
		// another project's tasks must not leak into this report
		UUID other = createProject(owner, "Other");
		task(owner, other, "x", null, "URGENT", "DONE", null);

		Http.Response response = this.http.get("/api/v1/projects/" + project + "/reports/summary?days=5")
			.token(owner.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode report = response.json();

		// per category: name, total, LOW/MEDIUM/HIGH/URGENT,
		// TODO/IN_PROGRESS/BLOCKED/DONE
		assertThat(rows(report.path("categories"))).containsExactly("Alpha total=4 p=[1, 0, 1, 2] s=[1, 1, 1, 1]",
				"beta total=3 p=[1, 2, 0, 0] s=[2, 0, 0, 1]", "null total=1 p=[0, 0, 1, 0] s=[1, 0, 0, 0]");

		// open tasks ranked within category: priority, then earliest due; ties share a
		// rank
		List<String> ranking = new ArrayList<>();
		report.path("ranking").forEach(r -> ranking.add(r.path("title").asString() + "#" + r.path("rank").asInt()));
		assertThat(ranking).containsExactly("a2#1", "a1#2", "a4#3", "b1#1", "b2#1", "u1#1");
		assertThat(report.path("ranking").get(0).path("taskId").asString()).isEqualTo(a2.toString());

		// completions per day over the last 5 days, and the change against the day before
		List<String> trend = new ArrayList<>();
		report.path("trend")
			.forEach(d -> trend.add(d.path("date").asString() + " " + d.path("completed").asInt() + " "
					+ (d.path("change").isNull() ? "-" : d.path("change").asInt())));
		assertThat(trend).containsExactly(today.minusDays(4) + " 0 -", today.minusDays(3) + " 1 1",
				today.minusDays(2) + " 0 -1", today.minusDays(1) + " 1 1", today + " 0 -1");
		assertThat(List.of(a1, b1, b2, u1)).hasSize(4);

		Http.Response tooLong = this.http.get("/api/v1/projects/" + project + "/reports/summary?days=1000")
			.token(owner.accessToken())
			.send();
		assertThat(tooLong.status()).isEqualTo(400);
	}

	private List<String> rows(JsonNode categories) {
		List<String> rows = new ArrayList<>();
		categories.forEach(c -> {
			JsonNode p = c.path("byPriority");
			JsonNode s = c.path("byStatus");
			rows.add((c.path("name").isNull() ? "null" : c.path("name").asString()) + " total="
					+ c.path("total").asInt() + " p="
					+ List.of(p.path("LOW").asInt(), p.path("MEDIUM").asInt(), p.path("HIGH").asInt(),
							p.path("URGENT").asInt())
					+ " s=" + List.of(s.path("TODO").asInt(), s.path("IN_PROGRESS").asInt(), s.path("BLOCKED").asInt(),
							s.path("DONE").asInt()));
		});
		return rows;
	}

	private UUID task(LoggedIn owner, UUID project, String title, UUID category, String priority, String status,
			String due) {
		List<Object> extra = new ArrayList<>(List.of("priority", priority, "status", status));
		if (category != null) {
			extra.addAll(List.of("categoryId", category.toString()));
		}
		if (due != null) {
			extra.addAll(List.of("dueDate", due));
		}
		return createTask(owner, project, title, extra.toArray());
	}

	private void completedOn(UUID task, LocalDate day) {
		this.jdbc.sql("update tasks set completed_at = :at where id = :id")
			.param("at", java.sql.Timestamp.from(day.atTime(10, 0).toInstant(ZoneOffset.UTC)))
			.param("id", task)
			.update();
	}

}
