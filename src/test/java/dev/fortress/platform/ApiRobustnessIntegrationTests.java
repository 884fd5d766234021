package dev.fortress.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.fortress.platform.HostileVariants.Variant;
import dev.fortress.platform.OpenApiOperations.Operation;
import dev.fortress.platform.OpenApiOperations.Param;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * "Bad input gets a clear error and changes nothing", proven for every documented
 * operation: the operations are read from {@code /v3/api-docs} (so a new endpoint is
 * swept the day it is added), and each gets hostile path ids, query parameters, headers,
 * bodies and content types, as ADMIN, as EDITOR and without a token. No answer may be a
 * 5xx (but a documented 503 with Retry-After), every 4xx must be the problem+json of
 * docs/api.md, no body may leak internals, and input that is bad by any reading must be
 * refused. All findings are reported together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRobustnessIntegrationTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Text that must never reach a client: stack frames, class names, SQL errors. */
	private static final List<String> LEAKS = List.of("Exception", "\tat ", "at dev.fortress", "java.lang.",
			"org.springframework", "tools.jackson", "com.fasterxml", "org.postgresql", "PSQL", "SQL state",
			"syntax error at or near", "duplicate key value", "violates", "jakarta.", "org.apache");

	/**
	 * Operations left out: the test-failures endpoints exist only in test sources and
	 * fail on purpose (500, 503) to test the error handler itself.
	 */
	private static final List<String> EXCLUDED_PREFIXES = List.of("/api/v1/test-failures/");

	/**
	 * Streams that stay open by design (a valid request never ends its body): their
	 * refusals (unknown drop, bad id, caps) are checked by
	 * {@code DropStreamIntegrationTests}.
	 */
	private static final List<String> STREAMS = List.of("/api/v1/drops/{id}/stream");

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private LoggedIn admin;

	private LoggedIn editor;

	private TestUser member;

	/** Real ids, so a spoiled body or parameter reaches the checks behind "not found". */
	private final Map<String, String> fixtures = new LinkedHashMap<>();

	private List<Operation> operations;

	private OpenApiOperations api;

	@BeforeAll
	void fixtures() {
		this.http = new Http(this.port);
		this.admin = loggedIn("ADMIN");
		this.editor = loggedIn("EDITOR");
		this.member = newUser("sweep-member");
		String project = created(this.http.post("/api/v1/projects", Map.of("name", "Sweep project"))
			.token(this.editor.accessToken())
			.send());
		this.http.put("/api/v1/projects/" + project + "/members/" + this.member.id(), Map.of("role", "VIEWER"))
			.token(this.editor.accessToken())
			.send();
		String category = created(this.http.post("/api/v1/projects/" + project + "/categories", Map.of("name", "Sweep"))
			.token(this.editor.accessToken())
			.send());
		String task = created(this.http
			.post("/api/v1/projects/" + project + "/tasks",
					Map.of("title", "Sweep task", "type", "TASK", "priority", "LOW"))
			.token(this.editor.accessToken())
			.send());
		this.http.post("/api/v1/tasks/" + task + "/comments", Map.of("body", "a comment"))
			.token(this.editor.accessToken())
			.send();
		Http.Response export = this.http.post("/api/v1/projects/" + project + "/exports", Map.of("format", "csv"))
			.token(this.editor.accessToken())
			.send();
		assertThat(export.status()).as(export.toString()).isEqualTo(202);
		String sku = "SWEEP-" + UUID.randomUUID().toString().substring(0, 8);
		String product = created(
				this.http
					.post("/api/v1/products",
							Map.of("name", "Sweep shoe", "brand", "Sweep", "description", "for the sweep", "variants",
									List.of(Map.of("sku", sku, "size", "42", "price",
											Map.of("amount", 1000, "currency", "USD"), "stock", 100))))
					.token(this.admin.accessToken())
					.send());
		String drop = created(
				this.http
					.post("/api/v1/drops",
							Map.of("sku", sku, "quantity", 5, "startsAt",
									Instant.now().plus(1, ChronoUnit.DAYS).toString(), "perCustomerLimit", 1))
					.token(this.admin.accessToken())
					.send());
		this.http.put("/api/v1/cart/items/" + sku, Map.of("quantity", 1)).token(this.editor.accessToken()).send();
		String order = created(
				this.http
					.post("/api/v1/orders",
							Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment",
									Map.of("token", "tok_visa")))
					.token(this.editor.accessToken())
					.header("Idempotency-Key", UUID.randomUUID().toString())
					.send());
		String article = created(this.http
			.post("/api/v1/articles", Map.of("title", "Runbook", "body", "# Deploy\n\nMerge, then approve."))
			.token(this.editor.accessToken())
			.send());
		this.fixtures.putAll(Map.of("projects", project, "projectId", project, "categories", category, "tasks", task,
				"exports", export.text("id"), "products", product, "drops", drop, "orders", order, "sku", sku));
		this.fixtures.putAll(Map.of("users", this.member.id().toString(), "userId", this.member.id().toString(),
				"members", this.member.id().toString(), "items", sku, "inventory", sku, "articles", article));
		String channel = created(this.http.post("/api/v1/channels", Map.of("name", "Sweep channel"))
			.token(this.editor.accessToken())
			.send());
		String message = created(this.http.post("/api/v1/channels/" + channel + "/messages", Map.of("text", "sweep"))
			.token(this.editor.accessToken())
			.send());
		this.fixtures.putAll(Map.of("channels", channel, "channelId", channel, "messages", message, "messageId",
				message, "emoji", "ok"));
		Http.Response docs = this.http.get("/v3/api-docs").send();
		assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
		this.api = new OpenApiOperations(JSON.readTree(docs.body()));
		this.operations = this.api.operations()
			.stream()
			.filter(operation -> EXCLUDED_PREFIXES.stream().noneMatch(operation.path()::startsWith))
			.filter(operation -> !STREAMS.contains(operation.path()))
			.toList();
	}

	private static String created(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.text("id");
	}

	@Test
	void everyOperationAnswersHostileInputWithAProblemAndNeverA5xx() throws Exception {
		assertThat(this.operations).as("operations in /v3/api-docs").hasSizeGreaterThan(40);
		List<Exchange> exchanges = new ArrayList<>();
		HostileVariants hostile = new HostileVariants(this.api, this::validPathValue);
		for (Operation operation : this.operations) {
			List<Variant> variants = hostile.of(operation);
			for (Variant variant : variants) {
				exchanges.add(new Exchange(operation, variant, "ADMIN", this.admin.accessToken()));
				exchanges.add(new Exchange(operation, variant, "EDITOR", this.editor.accessToken()));
			}
			// Without a token most operations stop at the authentication gate: a sample
			// is
			// enough there; public operations get the same variants as everyone else.
			variants.stream()
				.limit(isPublic(operation) ? variants.size() : 4)
				.forEach(variant -> exchanges.add(new Exchange(operation, variant, "anonymous", null)));
		}
		exchanges.addAll(undocumentedMethods(hostile));
		long started = System.nanoTime();
		Collection<String> failures = sendAll(exchanges);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		System.out.printf("API robustness sweep: %d operations, %d requests, %d ms, %d findings%n",
				this.operations.size(), exchanges.size(), millis, failures.size());
		if (!failures.isEmpty()) {
			fail(report(failures));
		}
	}

	/** Every path with each method it does not document: 405, as a problem. */
	private List<Exchange> undocumentedMethods(HostileVariants hostile) {
		Map<String, List<Operation>> byPath = this.operations.stream()
			.collect(Collectors.groupingBy(Operation::path, LinkedHashMap::new, Collectors.toList()));
		List<Exchange> exchanges = new ArrayList<>();
		byPath.forEach((path, documented) -> {
			Operation sample = documented.get(0);
			for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
				if (documented.stream().noneMatch(operation -> operation.method().equals(method))) {
					Operation undocumented = new Operation(method, path, sample.params(), sample.bodySchema(),
							sample.bodyRequired());
					exchanges.add(new Exchange(undocumented, hostile.valid(sample, "undocumented method", true),
							"EDITOR", this.editor.accessToken()));
				}
			}
		});
		return exchanges;
	}

	private boolean isPublic(Operation operation) {
		return operation.path().startsWith("/api/v1/auth/") || operation.path().startsWith("/.well-known/")
				|| ("GET".equals(operation.method()) && (operation.path().startsWith("/api/v1/products")
						|| operation.path().startsWith("/api/v1/inventory/")
						|| operation.path().startsWith("/api/v1/drops/")));
	}

	@Test
	void hostileWritesChangeNothing() throws Exception {
		HostileVariants hostile = new HostileVariants(this.api, this::validPathValue);
		List<Exchange> exchanges = new ArrayList<>();
		for (Operation operation : this.operations) {
			if ("GET".equals(operation.method())) {
				continue;
			}
			for (Variant variant : hostile.of(operation)) {
				if (variant.mustBeRejected()) {
					exchanges.add(new Exchange(operation, variant, "ADMIN", this.admin.accessToken()));
					exchanges.add(new Exchange(operation, variant, "EDITOR", this.editor.accessToken()));
				}
			}
		}
		awaitQuiet();
		Map<String, Object> before = snapshot();
		Collection<String> failures = sendAll(exchanges);
		awaitQuiet();
		Map<String, Object> after = snapshot();
		System.out.printf("Hostile writes: %d requests, %d findings%n", exchanges.size(), failures.size());
		Map<String, String> changed = new LinkedHashMap<>();
		before.forEach((name, value) -> {
			if (!value.equals(after.get(name))) {
				changed.put(name, excerpt(String.valueOf(value)) + " -> " + excerpt(String.valueOf(after.get(name))));
			}
		});
		assertThat(changed).as("state changed by %d rejected writes; findings:%n%s", exchanges.size(), report(failures))
			.isEmpty();
	}

	/** Row counts of the main tables and the fixtures as clients see them. */
	private Map<String, Object> snapshot() {
		Map<String, Object> state = new LinkedHashMap<>();
		for (String table : List.of("users", "refresh_tokens", "projects", "project_members", "categories", "tasks",
				"task_labels", "task_comments", "task_versions", "task_exports", "products", "product_variants",
				"stock", "drops", "drop_purchases", "orders", "order_lines", "cart_items", "idempotency_keys",
				"payments", "chat_messages", "articles", "moderation_items", "llm_usage")) {
			state.put(table, this.jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		state.put("member account",
				this.jdbc.sql("select role || ' ' || disabled from users where id = :id")
					.param("id", this.member.id())
					.query(String.class)
					.single());
		String editor = this.editor.accessToken();
		String admin = this.admin.accessToken();
		Map<String, String> reads = new LinkedHashMap<>();
		reads.put("/api/v1/projects/" + this.fixtures.get("projects"), editor);
		reads.put("/api/v1/projects/" + this.fixtures.get("projects") + "/members", editor);
		reads.put("/api/v1/projects/" + this.fixtures.get("projects") + "/categories", editor);
		reads.put("/api/v1/tasks/" + this.fixtures.get("tasks"), editor);
		reads.put("/api/v1/tasks/" + this.fixtures.get("tasks") + "/comments", editor);
		reads.put("/api/v1/tasks/" + this.fixtures.get("tasks") + "/history", editor);
		reads.put("/api/v1/products/" + this.fixtures.get("products"), admin);
		reads.put("/api/v1/inventory/" + this.fixtures.get("sku"), admin);
		reads.put("/api/v1/drops/" + this.fixtures.get("drops"), admin);
		reads.put("/api/v1/orders/" + this.fixtures.get("orders"), editor);
		reads.put("/api/v1/cart", editor);
		reads.put("/api/v1/me", editor);
		reads.forEach((path, token) -> {
			Http.Response response = this.http.get(path).token(token).send();
			state.put("GET " + path, response.status() + " " + response.body());
		});
		return state;
	}

	/**
	 * Background work (event listeners, export workers) started by earlier tests must not
	 * count as a change. Waits for it up to a bound, but does not fail: a listener some
	 * other test breaks on purpose may leave a publication incomplete for good.
	 */
	private void awaitQuiet() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline && this.jdbc
			.sql("select (select count(*) from event_publication where completion_date is null)"
					+ " + (select count(*) from task_exports where status in ('QUEUED', 'RUNNING'))")
			.query(Long.class)
			.single() > 0) {
			Thread.sleep(200);
		}
	}

	/**
	 * A real id for a path parameter: by its name ({@code projectId}, {@code sku}) or,
	 * for a plain {@code {id}}, by the collection before it ({@code /tasks/{id}}).
	 * Anything else gets a valid but unknown value, so new endpoints are still swept.
	 */
	private String validPathValue(Operation operation, Param param) {
		String value = this.fixtures.get(param.name());
		if (value == null) {
			String[] segments = operation.path().split("/");
			for (int i = 1; i < segments.length; i++) {
				if (segments[i].equals("{" + param.name() + "}")) {
					value = this.fixtures.get(segments[i - 1]);
				}
			}
		}
		if (value == null) {
			value = this.api.sample(param.schema(), param.name(), 0).asString();
		}
		return HostileVariants.encode(value);
	}

	private Collection<String> sendAll(List<Exchange> exchanges) throws Exception {
		Collection<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (Exchange exchange : exchanges) {
				futures.add(pool.submit(() -> failures.addAll(check(exchange, send(exchange)))));
			}
			for (Future<?> future : futures) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
		return failures;
	}

	private Http.Response send(Exchange exchange) {
		Variant variant = exchange.variant();
		String uri = "http://localhost:" + this.port + variant.path()
				+ (variant.query().isEmpty() ? "" : "?" + variant.query());
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(30))
			.method(exchange.operation().method(), variant.hasBody()
					? HttpRequest.BodyPublishers.ofString(variant.body()) : HttpRequest.BodyPublishers.noBody());
		variant.headers().forEach(request::header);
		if (variant.contentType() != null) {
			request.header("Content-Type", variant.contentType());
		}
		if (exchange.token() != null) {
			request.header("Authorization", "Bearer " + exchange.token());
		}
		IOException failure = null;
		// Tomcat answers a request line longer than its header buffer with 400 and closes
		// the connection; with a body still being sent, the client sometimes sees the
		// close
		// before the answer. That race is the container's, so such a request gets a
		// retry.
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				return new Http.Response(response.statusCode(), response.headers().map(), response.body());
			}
			catch (IOException ex) {
				failure = ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return new Http.Response(-1, Map.of(), "no answer: " + failure.getMessage());
	}

	/**
	 * The outbox's admin views show ADMINs why deliveries failed (the error's class and
	 * message, as stored with the delivery): there it is the content, not a leak.
	 */
	private static boolean showsDeliveryErrors(Exchange exchange) {
		String path = exchange.operation().path();
		return path.startsWith("/api/v1/admin/events") || path.startsWith("/api/v1/admin/dead-letters");
	}

	/** What is wrong with one answer, if anything. */
	private static List<String> check(Exchange exchange, Http.Response response) {
		List<String> wrong = new ArrayList<>();
		int status = response.status();
		boolean unavailable = status == 503 && response.header("Retry-After") != null;
		if (status < 0 || (status >= 500 && !unavailable)) {
			wrong.add("server error");
		}
		if (exchange.variant().mustBeRejected() && status >= 200 && status < 400) {
			wrong.add("bad input accepted");
		}
		if (status >= 400) {
			wrong.addAll(problemShape(response));
		}
		if (status == 401 && !String.valueOf(response.header("WWW-Authenticate")).startsWith("Bearer")) {
			wrong.add("401 without WWW-Authenticate: Bearer");
		}
		for (String leak : LEAKS) {
			if (response.body().contains(leak) && !(status < 300 && showsDeliveryErrors(exchange))) {
				wrong.add("body leaks '" + leak.strip() + "'");
				break;
			}
		}
		return wrong.stream()
			.map(problem -> String.format("%-6s %s | %s | %s | %d %s | %s", exchange.operation().method(),
					exchange.operation().path(), exchange.variant().name(), exchange.principal(), status, problem,
					excerpt(response.body())))
			.toList();
	}

	private static List<String> problemShape(Http.Response response) {
		List<String> wrong = new ArrayList<>();
		if (!String.valueOf(response.header("Content-Type")).startsWith("application/problem+json")) {
			wrong.add("not problem+json (" + response.header("Content-Type") + ")");
			return wrong;
		}
		JsonNode problem;
		try {
			problem = JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			wrong.add("problem body is not JSON");
			return wrong;
		}
		if (!problem.path("type").asString("").startsWith("https://fortress.dev/problems/")) {
			wrong.add("problem without a type");
		}
		if (problem.path("title").asString("").isBlank()) {
			wrong.add("problem without a title");
		}
		if (problem.path("status").asInt(-1) != response.status()) {
			wrong.add("problem status " + problem.path("status") + " differs from HTTP status");
		}
		String requestId = response.header("X-Request-Id");
		if (requestId == null || !requestId.equals(problem.path("requestId").asString(null))) {
			wrong.add("problem requestId " + problem.path("requestId") + " differs from X-Request-Id " + requestId);
		}
		return wrong;
	}

	private static String excerpt(String body) {
		String flat = body.replaceAll("\\s+", " ");
		return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
	}

	/**
	 * One line per finding, the same finding for several principals folded together, so a
	 * systematic fault reads as one line rather than hundreds.
	 */
	private static String report(Collection<String> failures) {
		Map<String, Set<String>> folded = failures.stream()
			.sorted()
			.collect(Collectors.groupingBy(line -> line, LinkedHashMap::new, Collectors.toSet()));
		List<String> lines = new ArrayList<>(folded.keySet());
		int shown = Math.min(lines.size(), 400);
		return String.format(Locale.ROOT,
				"%d findings (method path | variant | principal | status problem | body):%n%s%s", failures.size(),
				String.join(System.lineSeparator(), lines.subList(0, shown)),
				shown < lines.size() ? System.lineSeparator() + "… " + (lines.size() - shown) + " more" : "");
	}

	/** One request of the sweep. */
	private record Exchange(Operation operation, Variant variant, String principal, @Nullable String token) {
	}

}
