package dev.fortress.knowledge;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.knowledge.internal.Reindexer;
import dev.fortress.support.Http;
import dev.fortress.tasks.TaskForgeTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The knowledge index end to end over HTTP: what a change does to search (after the
 * asynchronous ingestion, awaited), what a membership change does at once, the ranking of
 * a known set, related items and duplicate bugs, bad input.
 */
class KnowledgeIntegrationTests extends TaskForgeTest {

	private static final Duration INGESTION = Duration.ofSeconds(60);

	@Autowired
	KnowledgeApi knowledge;

	@Autowired
	Reindexer reindexer;

	@Test
	void createdChangedAndDeletedTasksReachTheIndex() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Payments");
		UUID task = createTask(owner, project, "Quokka refunds stall overnight", "description",
				"Refunds issued after midnight stay pending until the morning batch.");
		await().atMost(INGESTION).until(() -> ids(search(owner, "quokka refunds", "task")).contains(task));

		assertThat(this.http.patch("/api/v1/tasks/" + task, Map.of("title", "Wombat refunds stall overnight"))
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(200);
		await().atMost(INGESTION)
			.until(() -> titles(search(owner, "wombat refunds", "task")).contains("Wombat refunds stall overnight"));

		assertThat(this.http.delete("/api/v1/tasks/" + task).token(owner.accessToken()).send().status()).isEqualTo(204);
		await().atMost(INGESTION).until(() -> !ids(search(owner, "wombat refunds", "task")).contains(task));
	}

	@Test
	void aRemovedMemberNoLongerFindsTheProjectsTasks() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		UUID project = createProject(owner, "Secret plans");
		addMember(owner, project, member.id(), "VIEWER");
		UUID task = createTask(owner, project, "Narwhal launch checklist", "description",
				"Everything the narwhal launch needs before the press release.");
		await().atMost(INGESTION).until(() -> ids(search(member, "narwhal launch", null)).contains(task));
		LoggedIn outsider = loggedIn("EDITOR");
		assertThat(ids(search(outsider, "narwhal launch", null))).doesNotContain(task);
		CurrentUser asMember = new CurrentUser(member.id(), Role.EDITOR);
		assertThat(this.knowledge.retrieve(asMember, "narwhal launch", Set.of(), 5))
			.anySatisfy(passage -> assertThat(passage.id()).isEqualTo(task));

		assertThat(this.http.delete("/api/v1/projects/" + project + "/members/" + member.id())
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(204);
		// scopes are resolved per search: no re-index, no wait
		assertThat(ids(search(member, "narwhal launch", null))).doesNotContain(task);
		assertThat(this.knowledge.retrieve(asMember, "narwhal launch", Set.of(), 5))
			.noneSatisfy(passage -> assertThat(passage.id()).isEqualTo(task));
		assertThat(ids(search(owner, "narwhal launch", null))).contains(task);
	}

	@Test
	void hybridSearchRanksTheRightSourceFirstByWordsAndByMeaning() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Known set");
		UUID card = createTask(owner, project, "Expired credit cards are declined at checkout", "description",
				"Customers whose card has expired see a generic error instead of a prompt to update it.");
		UUID font = createTask(owner, project, "Header font is too small on tablets", "description",
				"The navigation text is hard to read on an iPad in portrait mode.");
		UUID email = createTask(owner, project, "Order confirmation e-mails arrive twice", "description",
				"Some buyers receive the same confirmation message two times.");
		List<UUID> all = List.of(card, font, email);
		await().atMost(INGESTION)
			.until(() -> ids(search(owner, "checkout", "task")).contains(card)
					&& ids(search(owner, "tablets", "task")).contains(font)
					&& ids(search(owner, "confirmation", "task")).contains(email));

		// no word in common with the task: found by meaning alone
		assertThat(first(search(owner, "payment refused because the bank card is out of date", "task"), all))
			.isEqualTo(card);
		assertThat(first(search(owner, "letters hard to see on an ipad", "task"), all)).isEqualTo(font);
		assertThat(first(search(owner, "duplicate emails after buying", "task"), all)).isEqualTo(email);
		JsonNode item = search(owner, "expired credit cards", "task").get(0);
		assertThat(item.path("type").asString()).isEqualTo("task");
		assertThat(item.path("snippet").asString()).contains("card has expired");
		assertThat(item.path("score").asDouble()).isPositive();
	}

	@Test
	void relatedItemsAndDuplicateBugs() {
		LoggedIn owner = loggedIn("EDITOR");
		UUID project = createProject(owner, "Bugs");
		UUID first = createTask(owner, project, "App crashes when uploading a large photo", "type", "BUG", "severity",
				"MAJOR", "description", "Uploading a 20 MB picture from the gallery closes the app.");
		UUID unrelated = createTask(owner, project, "Write the quarterly marketing newsletter", "description",
				"Plan topics for the spring newsletter.");
		UUID second = createTask(owner, project, "Crash on uploading big images", "type", "BUG", "severity", "MAJOR",
				"description", "The app quits when I upload a big photo from my gallery.");
		await().atMost(INGESTION).until(() -> {
			JsonNode related = related(owner, second);
			return !related.path("items").isEmpty()
					&& first.toString().equals(related.path("items").get(0).path("id").asString());
		});
		JsonNode related = related(owner, second);
		List<String> duplicates = new ArrayList<>();
		related.path("duplicates").forEach(d -> duplicates.add(d.path("id").asString()));
		assertThat(duplicates).contains(first.toString()).doesNotContain(unrelated.toString(), second.toString());
		related.path("items").forEach(i -> assertThat(i.path("id").asString()).isNotEqualTo(second.toString()));

		LoggedIn outsider = loggedIn("EDITOR");
		assertProblem(this.http.get("/api/v1/tasks/" + second + "/related").token(outsider.accessToken()).send(), 404,
				"not-found");
	}

	@Test
	void relatedProductsAreTheClosestInMeaning() {
		String admin = loggedIn("ADMIN").accessToken();
		UUID eyepiece = product(admin, "Quasar telescope eyepiece 10 mm",
				"A high-magnification eyepiece for stargazing with any 1.25 inch telescope.");
		UUID lens = product(admin, "Quasar wide-angle telescope lens 25 mm",
				"Sharp wide views of the night sky and the planets for amateur astronomers.");
		UUID socks = product(admin, "Merino hiking socks", "Cushioned wool socks that keep feet dry on long walks.");
		LoggedIn buyer = loggedIn("EDITOR");
		// Other tests' products (and this test's from earlier runs on a kept database)
		// are in the catalog too: the lens must be among the 50 nearest, and the socks,
		// if near enough to be listed at all, after it.
		await().atMost(INGESTION).until(() -> ids(relatedProducts(buyer, eyepiece).path("items")).contains(lens));
		List<UUID> related = ids(relatedProducts(buyer, eyepiece).path("items"));
		assertThat(related).doesNotContain(eyepiece);
		if (related.contains(socks)) {
			assertThat(related.indexOf(lens)).isLessThan(related.indexOf(socks));
		}
	}

	@Test
	void articlesAreSearchableByTheirReadersOnly() {
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn reader = loggedIn("EDITOR");
		Http.Response created = this.http
			.post("/api/v1/articles", Map.of("title", "Axolotl onboarding guide", "body",
					"# Day one\n\nCollect your axolotl badge at the front desk.\n\n# Day two\n\nMeet your buddy."))
			.token(author.accessToken())
			.send();
		assertThat(created.status()).isEqualTo(201);
		UUID article = UUID.fromString(created.text("id"));
		await().atMost(INGESTION).until(() -> ids(search(author, "axolotl badge", "article")).contains(article));
		assertThat(ids(search(reader, "axolotl badge", "article"))).doesNotContain(article);
		assertThat(ids(search(admin, "axolotl badge", "article"))).doesNotContain(article);

		assertThat(this.http.patch("/api/v1/articles/" + article, Map.of("status", "REVIEW"))
			.token(author.accessToken())
			.send()
			.status()).isEqualTo(200);
		assertThat(this.http.patch("/api/v1/articles/" + article, Map.of("status", "PUBLISHED"))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(200);
		await().atMost(INGESTION).until(() -> ids(search(reader, "axolotl badge", "article")).contains(article));
	}

	@Test
	void badInputIsA400Problem() {
		LoggedIn user = loggedIn("EDITOR");
		assertProblem(this.http.get("/api/v1/search").token(user.accessToken()).send(), 400, "validation-error");
		assertProblem(this.http.get("/api/v1/search?q=%20").token(user.accessToken()).send(), 400, "validation-error");
		assertProblem(this.http.get("/api/v1/search?q=x&types=task,secrets").token(user.accessToken()).send(), 400,
				"validation-error");
		assertProblem(this.http.get("/api/v1/search?q=x&limit=51").token(user.accessToken()).send(), 400,
				"validation-error");
		assertProblem(this.http.get("/api/v1/search?q=a%00b").token(user.accessToken()).send(), 400,
				"validation-error");
		assertThat(this.http.get("/api/v1/search?q=" + enc("the of and \" ( * ?"))
			.token(user.accessToken())
			.send()
			.status()).isEqualTo(200);
		assertProblem(this.http.get("/api/v1/tasks/" + UUID.randomUUID() + "/related").token(user.accessToken()).send(),
				404, "not-found");
		assertProblem(
				this.http.get("/api/v1/products/" + UUID.randomUUID() + "/related").token(user.accessToken()).send(),
				404, "not-found");
		assertProblem(this.http.post("/api/v1/admin/knowledge/reindex", Map.of()).token(user.accessToken()).send(), 403,
				"forbidden");
		long logged = this.jdbc.sql("select count(*) from knowledge_log").query(Long.class).single();
		Http.Response reindex = this.http.post("/api/v1/admin/knowledge/reindex", Map.of())
			.token(loggedIn("ADMIN").accessToken())
			.send();
		assertThat(reindex.status()).isEqualTo(202);
		await().atMost(Duration.ofMinutes(5)).until(() -> !this.reindexer.running());
		// every source stored was written again (with a new log entry), if there were any
		long sources = this.jdbc
			.sql("select count(*) from (select distinct source_type, source_id from knowledge_chunks) s")
			.query(Long.class)
			.single();
		assertThat(this.jdbc.sql("select count(*) from knowledge_log").query(Long.class).single())
			.isGreaterThanOrEqualTo(logged + Math.min(sources, 1));
	}

	@Test
	void aPrivateChannelsMessagesAreFoundByItsMembersOnlyAndNotOnceTheyLeave() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		Http.Response channel = this.http.post("/api/v1/channels", Map.of("name", "incident-room", "private", true))
			.token(owner.accessToken())
			.send();
		assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
		String channelId = channel.text("id");
		assertThat(this.http.put("/api/v1/channels/" + channelId + "/members/" + member.id(), Map.of("role", "MEMBER"))
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(200);
		Http.Response posted = this.http
			.post("/api/v1/channels/" + channelId + "/messages",
					Map.of("text", "The pangolin cluster failover drill starts at noon"))
			.token(owner.accessToken())
			.send();
		assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
		UUID message = UUID.fromString(posted.text("id"));
		await().atMost(INGESTION)
			.until(() -> ids(search(member, "pangolin failover drill", "message")).contains(message));

		assertThat(ids(search(outsider, "pangolin failover drill", "message"))).doesNotContain(message);
		assertThat(this.http.delete("/api/v1/channels/" + channelId + "/members/" + member.id())
			.token(member.accessToken())
			.send()
			.status()).isEqualTo(204);
		assertThat(ids(search(member, "pangolin failover drill", "message"))).doesNotContain(message);
		assertThat(ids(search(owner, "pangolin failover drill", "message"))).contains(message);
	}

	private JsonNode search(LoggedIn user, String q, String types) {
		String path = "/api/v1/search?limit=10&q=" + enc(q) + (types == null ? "" : "&types=" + types);
		Http.Response response = this.http.get(path).token(user.accessToken()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().path("items");
	}

	private JsonNode related(LoggedIn user, UUID task) {
		Http.Response response = this.http.get("/api/v1/tasks/" + task + "/related").token(user.accessToken()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private UUID product(String adminToken, String name, String description) {
		Http.Response created = this.http
			.post("/api/v1/products",
					Map.of("name", name, "brand", "Fortress", "description", description, "variants",
							List.of(Map.of("sku", "KN-" + UUID.randomUUID().toString().substring(0, 8), "size", "one",
									"price", Map.of("amount", 1000, "currency", "EUR"), "stock", 1))))
			.token(adminToken)
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return UUID.fromString(created.text("id"));
	}

	private JsonNode relatedProducts(LoggedIn user, UUID product) {
		Http.Response response = this.http.get("/api/v1/products/" + product + "/related?limit=50")
			.token(user.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static List<UUID> ids(JsonNode items) {
		List<UUID> ids = new ArrayList<>();
		items.forEach(item -> ids.add(UUID.fromString(item.path("id").asString())));
		return ids;
	}

	private static List<String> titles(JsonNode items) {
		List<String> titles = new ArrayList<>();
		items.forEach(item -> titles.add(item.path("title").asString()));
		return titles;
	}

	/** The first of the candidates in the results. */
	private static UUID first(JsonNode items, List<UUID> candidates) {
		return ids(items).stream().filter(candidates::contains).findFirst().orElse(null);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
