package dev.fortress.bench.scenario;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.load.LoadResult;
import dev.fortress.bench.load.RequestSource;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Api;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.server.FakeLanguageModel;
import dev.fortress.bench.system.CpuMeter;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an answer costs next to a search, measured side by side in one run against one
 * Fortress whose language model is {@link FakeLanguageModel} (in this process, a known
 * time per answer). Over published articles and a project's tasks seeded through the API,
 * {@link #USERS} closed-loop users run, in rounds of interleaved phases:
 * <ol>
 * <li><b>search</b>: {@code GET /api/v1/search}, a new question each time (the
 * baseline);</li>
 * <li><b>generated</b>: {@code POST /api/v1/ask}, a new question each time, streamed from
 * the fake model; its fixed time is subtracted to show Fortress's own overhead;</li>
 * <li><b>cached</b>: one question repeated, answered from the cache: the model must not
 * be called at all during the phase (its call counter is compared);</li>
 * <li><b>extractive</b>: new questions from a user whose daily token budget was spent
 * first (through the model, as a real user would): the passages are the answer.</li>
 * </ol>
 * Then a burst of more simultaneous asks than the answer pool and its queue hold must be
 * refused with {@code 503} and {@code Retry-After} beyond them, never with a 500.
 */
final class AnswerScenarios {

	static final int USERS = 4;

	/** The open-loop phases' rate: what four users waiting on the model send. */
	static final double OPEN_RATE = 5;

	static final int ARTICLES = 250;

	static final int TASKS = 100;

	/**
	 * The answer pool and its queue as shipped ({@code fortress.answers.threads, queue}).
	 */
	static final int POOL_AND_QUEUE = 8 + 32;

	static final String REPLY = "The sources agree on the cause: the connection pool runs dry under load [1], "
			+ "and the retries without backoff make it worse [2]. Raise the pool and retry with backoff and jitter; "
			+ "the runbook describes both steps [1, 3].";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Settings settings;

	private final Results results;

	private final Buyers buyers;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private String host;

	private int heldArticles;

	AnswerScenarios(Settings settings, Results results, Buyers buyers) {
		this.settings = settings;
		this.results = results;
		this.buyers = buyers;
	}

	/**
	 * The fake model of this scenario: 300 ms to the first token, 20 chunks 20 ms apart.
	 */
	static FakeLanguageModel model() {
		return FakeLanguageModel.start(Duration.ofMillis(300), 20, Duration.ofMillis(20), REPLY, (prompt) -> "ALLOW");
	}

	/** The environment that points Fortress at the fake model. */
	static Map<String, String> environment(FakeLanguageModel model) {
		return Map.of("FORTRESS_LLM_URL", model.baseUrl(), "FORTRESS_LLM_API_KEY", "bench", "FORTRESS_LLM_MODEL",
				"fake-model");
	}

	void run(FortressSession session, FakeLanguageModel model) throws Exception {
		boolean full = this.settings.mode().equals("full");
		int rounds = full ? 3 : 2;
		Duration warmup = Duration.ofSeconds(full ? 5 : 3);
		Duration measure = Duration.ofSeconds(full ? 15 : 6);
		// user 0 spends its budget; users 1.. ask and search (a budget each, 50,000
		// tokens)
		String spender = this.buyers.tokenFor(0);
		List<String> users = new ArrayList<>();
		for (int i = 1; i < Math.min(this.buyers.size(), 101); i++) {
			users.add(this.buyers.tokenFor(i));
		}
		this.host = session.host;
		long seeding = System.nanoTime();
		System.out.printf("Seeding %d articles and %d tasks%n", ARTICLES, TASKS);
		String lastArticle = seed(session, users, spender);
		waitForIndex(session, users.get(0), lastArticle);
		double seeded = (System.nanoTime() - seeding) / 1e9;
		System.out.printf("  indexed after %.0f s; spending one user's daily budget%n", seeded);
		int spent = spend(spender);
		System.out.printf("  spent after %d generated answers%n", spent);
		String cachedQuestion = "How do we stop the checkout page timing out during a product drop?";
		ask(users.get(0), cachedQuestion);
		String host = session.host;
		long[] nextQuestion = { 1_000_000 };
		// a fresh range of questions per phase: nothing is ever asked twice by accident
		Supplier<RequestSource> search = () -> KnowledgeSources.search(host, users, nextQuestion[0] += 100_000);
		Supplier<RequestSource> generated = () -> {
			long first = nextQuestion[0] += 100_000;
			return KnowledgeSources.ask(host, users, (n) -> KnowledgeSources.question(first + n), "200 generated");
		};
		RequestSource cached = KnowledgeSources.ask(host, List.of(users.get(0)), (n) -> cachedQuestion,
				"200 generated");
		Supplier<RequestSource> extractive = () -> {
			long first = nextQuestion[0] += 100_000;
			return KnowledgeSources.ask(host, List.of(spender), (n) -> KnowledgeSources.question(first + n),
					"200 extractive");
		};
		// warm-up: each path once for a while, not measured
		for (RequestSource source : List.of(search.get(), generated.get(), cached, extractive.get())) {
			session.meter.run("answers warm-up", source, LoadPlan.closed(USERS, Duration.ZERO, warmup.multipliedBy(2)));
		}
		// what the application spends doing nothing asked of it (schedulers, the broker's
		// heart-beats): at a few answers a second it is a visible share of each
		CpuMeter.Sample idleStart = session.cpuSample();
		Thread.sleep(10_000);
		double idleCores = session.cpuSample().since(idleStart).cores("app");
		this.results.answersIdleCores = idleCores;
		LoadPlan closed = LoadPlan.closed(USERS, warmup, measure);
		for (int round = 1; round <= rounds; round++) {
			phase(session, model, round, "search", search.get(), closed);
			phase(session, model, round, "generated", generated.get(), closed);
			phase(session, model, round, "cached", cached, closed);
			phase(session, model, round, "extractive", extractive.get(), closed);
		}
		// The closed loop saturates the cores with searches but waits on the model for
		// answers, so its latencies compare unequal loads; at one open-loop rate that a
		// generated answer allows too, they compare the work alone.
		LoadPlan open = LoadPlan.open(OPEN_RATE, 32, Duration.ofSeconds(3), measure);
		for (int round = 1; round <= rounds; round++) {
			phase(session, model, round, "search", search.get(), open);
			phase(session, model, round, "generated", generated.get(), open);
			phase(session, model, round, "cached", cached, open);
			phase(session, model, round, "extractive", extractive.get(), open);
		}
		burst(session, model, users, nextQuestion[0] += 100_000);
		this.results.notes.add(String.format(
				"Answers: %d published articles (%d of them held by moderation, so not indexed) and %d tasks seeded "
						+ "through the API and indexed in %.0f s; the "
						+ "spending user's 50,000-token budget went on %d generated answers; the fake model streams "
						+ "%d chunks, first after 300 ms, then 20 ms apart (%d ms an answer), and was called %d "
						+ "times in all (%d streamed). The application idle used %.3f cores (10 s without requests).",
				ARTICLES, this.heldArticles, TASKS, seeded, spent, model.chunks(), model.streamTime().toMillis(),
				model.calls(), model.streamedCalls(), idleCores));
	}

	private void phase(FortressSession session, FakeLanguageModel model, int round, String kind, RequestSource source,
			LoadPlan plan) throws Exception {
		String name = "answers " + round + " " + kind + (plan.openLoop() ? " at " + (int) plan.rate() + "/s" : "");
		long calls = model.calls();
		Measured measured = session.meter.run(name, source, plan);
		long reached = model.calls() - calls;
		this.results.loads.put(name, measured);
		this.results.answerPhases.add(new Results.AnswerPhase(round, kind, name,
				kind.equals("generated") ? model.streamTime().toMillis() : 0, reached, plan.rate()));
		LoadResult load = measured.load();
		if (load.good() < load.answered()) {
			this.results.failures.add(name + ": answers other than the expected kind " + load.outcomes());
		}
		if (!kind.equals("generated") && reached > 0) {
			this.results.failures.add(name + ": " + reached + " calls reached the model");
		}
	}

	/**
	 * More simultaneous asks than the answer pool and its queue hold: those beyond them
	 * are refused at once with {@code 503} and {@code Retry-After}; none is a 500.
	 */
	private void burst(FortressSession session, FakeLanguageModel model, List<String> users, long firstQuestion)
			throws Exception {
		int asks = POOL_AND_QUEUE * 5 / 2;
		long calls = model.calls();
		RequestSource source = KnowledgeSources.ask(session.host, users,
				(n) -> KnowledgeSources.question(firstQuestion + n), "200 generated");
		Measured measured = session.meter.run("answers burst", source, LoadPlan.burst(asks, asks));
		this.results.loads.put("answers burst", measured);
		LoadResult load = measured.load();
		long refused = load.total("503");
		long generated = load.total("200 generated");
		long reached = model.calls() - calls;
		this.results.notes.add(String.format(
				"Answers burst: %d asks at once against a pool of 8 writers and a queue of 32: %d generated, %d "
						+ "refused with 503 and Retry-After, outcomes %s; the model got %d calls.",
				asks, generated, refused, load.totalOutcomes(), reached));
		if (refused == 0 || load.totalStartingWith("5") > refused || load.totalStartingWith("200 no") > 0) {
			this.results.failures.add("answers burst: expected some 503 with Retry-After and no other failure, got "
					+ load.totalOutcomes());
		}
	}

	/**
	 * Published workspace articles, and a project's tasks whose project the users join.
	 */
	private String seed(FortressSession session, List<String> users, String spender) {
		Random random = new Random(13);
		String lastVisible = null;
		for (int i = 0; i < ARTICLES; i++) {
			Api.Reply article = session.api.expect(201, "POST", "/api/v1/articles", session.admin,
					Map.of("title",
							String.format("Runbook %03d: the %s", i,
									KnowledgeSources.pick(random, KnowledgeSources.COMPONENTS)),
							"body", KnowledgeSources.paragraph(random) + "\n\n" + KnowledgeSources.paragraph(random),
							"tags", List.of("runbook"), "status", "PUBLISHED"));
			// moderation may hold an article (then it is never indexed): count them
			if ("HELD".equals(article.text("moderation"))) {
				this.heldArticles++;
			}
			else {
				lastVisible = String.format("Runbook %03d", i);
			}
		}
		String project = session.api
			.expect(201, "POST", "/api/v1/projects", session.admin,
					Map.of("name", "bench-answers-" + System.nanoTime()))
			.text("id");
		for (int i = 0; i < TASKS; i++) {
			session.api.expect(201, "POST", "/api/v1/projects/" + project + "/tasks", session.admin,
					Map.of("title",
							String.format("Ticket %03d: the %s %s", i,
									KnowledgeSources.pick(random, KnowledgeSources.COMPONENTS),
									KnowledgeSources.pick(random, KnowledgeSources.SYMPTOMS)),
							"type", "TASK", "priority", "MEDIUM", "description", KnowledgeSources.paragraph(random)));
		}
		List<String> members = new ArrayList<>(users);
		members.add(spender);
		for (String token : members) {
			session.api.expect(200, "PUT",
					"/api/v1/projects/" + project + "/members/" + RealtimeScenarios.subject(token), session.admin,
					Map.of("role", "VIEWER"));
		}
		return lastVisible;
	}

	/** Until the last article and the last task are found (indexing is asynchronous). */
	private void waitForIndex(FortressSession session, String token, String lastArticle) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		for (String last : List.of(lastArticle, String.format("Ticket %03d", TASKS - 1))) {
			while (!session.api
				.call("GET", "/api/v1/search?limit=50&q=" + URLEncoder.encode(last, StandardCharsets.UTF_8), token,
						null)
				.body()
				.toString()
				.contains(last)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("the knowledge index did not catch up in 5 minutes");
				}
				Thread.sleep(500);
			}
		}
	}

	/** Asks new questions as {@code token} until the answer is extractive; how many. */
	private int spend(String token) throws Exception {
		for (int n = 1; n <= 500; n++) {
			if (ask(token, KnowledgeSources.question(-n)).contains("\"generated\":false")) {
				return n - 1;
			}
		}
		throw new IllegalStateException("500 answers did not spend a daily budget");
	}

	/** One answer, as its whole event stream (or the problem that refused it). */
	private String ask(String token, String question) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + this.host + "/api/v1/ask"))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("question", question))))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("ask answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

}
