package dev.fortress.knowledge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.support.Http;
import dev.fortress.tasks.TaskForgeTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/ask} with no language model configured (the shared test context):
 * the extractive answer over what the caller may read, the refusals before the stream,
 * and that none of them charges anything.
 */
class AskIntegrationTests extends TaskForgeTest {

	private static final Duration INGESTION = Duration.ofSeconds(60);

	@Autowired
	KnowledgeApi knowledge;

	@Test
	void withoutAModelTheAnswerIsTheMostRelevantReadablePassages() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Extractive");
		UUID task = createTask(owner, project, "Capybara invoices round the VAT twice", "description",
				"Invoices for capybara orders add VAT to a total that already includes it.");
		LoggedIn stranger = loggedIn("EDITOR");
		UUID hidden = createProject(stranger, "Hidden");
		UUID secret = createTask(stranger, hidden, "Capybara invoices secret pricing", "description",
				"Capybara invoices VAT: the confidential discount table.");
		awaitIndexed(owner, "capybara invoices", task);
		awaitIndexed(stranger, "capybara invoices", secret);

		AnswerEvents events = AnswerEvents.of(ask(owner, Map.of("question", "Why is capybara VAT wrong on invoices?")));

		assertThat(events.generated()).isFalse();
		assertThat(String.join("", events.deltas())).isEqualTo(events.answer());
		assertThat(events.answer()).startsWith("Answer generation is off.").contains("Capybara invoices round the VAT");
		assertThat(events.citedIds()).contains(task.toString()).doesNotContain(secret.toString());
		assertThat(events.citedNumbers().get(0)).isEqualTo(1);
		assertThat(usageRows(owner.id())).isZero();
	}

	@Test
	void aProjectScopeNarrowsTheSourcesAndAnUnreadableProjectIsNotFound() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID first = createProject(owner, "First");
		UUID second = createProject(owner, "Second");
		UUID inFirst = createTask(owner, first, "Axolotl backups fail on Sundays", "description",
				"The axolotl backup job times out.");
		UUID inSecond = createTask(owner, second, "Axolotl backups are slow", "description",
				"The axolotl backup job takes hours.");
		awaitIndexed(owner, "axolotl backups", inFirst);
		awaitIndexed(owner, "axolotl backups", inSecond);

		AnswerEvents scoped = AnswerEvents.of(ask(owner,
				Map.of("question", "axolotl backups", "scope", Map.of("projectId", first, "types", List.of("task")))));
		assertThat(scoped.citedIds()).contains(inFirst.toString()).doesNotContain(inSecond.toString());

		LoggedIn outsider = loggedIn("EDITOR");
		assertProblem(ask(outsider, Map.of("question", "axolotl backups", "scope", Map.of("projectId", first))), 404,
				"not-found");
		assertProblem(ask(outsider, Map.of("question", "axolotl", "scope", Map.of("projectId", UUID.randomUUID()))),
				404, "not-found");
	}

	@Test
	void nothingReadableMatchingSaysSo() {
		LoggedIn user = loggedIn("EDITOR");
		AnswerEvents events = AnswerEvents
			.of(ask(user, Map.of("question", "zzqxv wibbleflonk", "scope", Map.of("types", List.of("comment")))));
		assertThat(events.generated()).isFalse();
		assertThat(events.answer()).isEqualTo("Nothing you can read matches the question.");
		assertThat(events.citedIds()).isEmpty();
	}

	@Test
	void badRequestsAreProblemsAndChargeNothing() {
		LoggedIn user = loggedIn("EDITOR");
		assertProblem(ask(user, Map.of()), 400, "validation-error");
		assertProblem(ask(user, Map.of("question", "   ")), 400, "validation-error");
		assertProblem(ask(user, Map.of("question", "x".repeat(1001))), 400, "validation-error");
		assertProblem(ask(user, Map.of("question", "nul \u0000 here")), 400, "validation-error");
		assertProblem(ask(user, Map.of("question", "ok", "scope", Map.of("types", List.of("secrets")))), 400,
				"validation-error");
		assertProblem(ask(user, Map.of("question", "ok", "scope", Map.of("projectId", "not-a-uuid"))), 400,
				"malformed-request");
		assertProblem(ask(user, Map.of("question", "ok", "tools", List.of("shell"))), 400, "malformed-request");
		assertProblem(ask(user, "{\"question\": "), 400, "malformed-request");
		assertProblem(this.http.post("/api/v1/ask", Map.of("question", "ok")).send(), 401, "unauthorized");
		assertThat(usageRows(user.id())).isZero();
	}

	@Test
	void usageIsForAdminsOnly() {
		LoggedIn editor = loggedIn("EDITOR");
		assertProblem(this.http.get("/api/v1/admin/llm/usage").token(editor.accessToken()).send(), 403, "forbidden");
		LoggedIn admin = loggedIn("ADMIN");
		Http.Response report = this.http.get("/api/v1/admin/llm/usage?day=2026-01-02")
			.token(admin.accessToken())
			.send();
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.json().path("day").asString()).isEqualTo("2026-01-02");
		assertThat(report.json().path("items").isArray()).isTrue();
		assertProblem(this.http.get("/api/v1/admin/llm/usage?day=yesterday").token(admin.accessToken()).send(), 400,
				"validation-error");
	}

	private Http.Response ask(LoggedIn user, Object body) {
		return this.http.post("/api/v1/ask", body).token(user.accessToken()).send();
	}

	private void awaitIndexed(LoggedIn user, String query, UUID source) {
		CurrentUser caller = new CurrentUser(user.id(), Role.EDITOR);
		await().atMost(INGESTION)
			.until(() -> this.knowledge.retrieve(caller, query, Set.of(), 10)
				.stream()
				.anyMatch(p -> p.id().equals(source)));
	}

	private long usageRows(UUID user) {
		return this.jdbc.sql("select count(*) from llm_usage where user_id = :user")
			.param("user", user)
			.query(Long.class)
			.single();
	}

}
