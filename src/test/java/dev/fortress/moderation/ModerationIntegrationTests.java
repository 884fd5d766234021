package dev.fortress.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.chat.ChatTest;
import dev.fortress.support.Http;
import dev.fortress.support.StompClient;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moderation end to end over HTTP on PostgreSQL: what the screen holds, who sees it, the
 * queue, the decisions and how each owner applies them.
 */
class ModerationIntegrationTests extends ChatTest {

	/** Held by the semantic check: its nearest labelled examples are spam. */
	static final String SPAM = "Make money online fast, join my program and earn passive income";

	@Test
	void aSpamMessageIsHeldSeenOnlyByItsAuthorAndAdminsUntilApprovedThenVisibleAndIndexed() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn other = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		String channel = channel(owner, "Moderated", true);
		addMember(owner, channel, author, "MEMBER");
		addMember(owner, channel, other, "MEMBER");
		posted(owner, channel, "Welcome to the channel");

		Http.Response posted = post(author, channel, SPAM);
		assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
		assertThat(posted.text("moderation")).isEqualTo("HELD");
		String id = posted.text("id");

		assertThat(texts(page(other, channel, ""))).containsExactly("Welcome to the channel");
		assertThat(page(author, channel, "").get("items").get(0).get("moderation").asString()).isEqualTo("HELD");
		assertThat(texts(page(admin, channel, ""))).contains(SPAM);
		assertThat(listed(other, channel).get("unread").asLong()).isEqualTo(1);
		assertProblem(this.http.get("/api/v1/messages/" + id + "/history").token(other.accessToken()).send(), 404,
				"not-found");
		assertProblem(this.http.get("/api/v1/messages/" + id).token(other.accessToken()).send(), 404, "not-found");
		assertThat(this.http.get("/api/v1/messages/" + id).token(author.accessToken()).send().text("moderation"))
			.isEqualTo("HELD");
		assertThat(search(other, channel, "passive income")).isEmpty();
		assertThat(search(author, channel, "passive income")).containsExactly(id);

		// held is a fact of the log: views rebuilt from it keep it
		assertThat(this.http.post("/api/v1/admin/chat/channels/" + channel + "/rebuild", "")
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(200);
		assertThat(texts(page(other, channel, ""))).containsExactly("Welcome to the channel");
		assertThat(page(author, channel, "").get("items").get(0).get("moderation").asString()).isEqualTo("HELD");

		JsonNode item = queued(admin, "HELD", id);
		assertThat(item.get("type").asString()).isEqualTo("message");
		assertThat(item.get("authorId").asString()).isEqualTo(author.id().toString());
		assertThat(item.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("semantic:spam");
		String itemId = item.get("id").asString();

		Http.Response approved = decide(admin, itemId, "approve");
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.text("status")).isEqualTo("APPROVED");
		assertThat(approved.text("decidedBy")).isEqualTo(admin.id().toString());
		assertThat(approved.text("decidedAt")).isNotNull();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(texts(page(other, channel, ""))).contains(SPAM));
		assertThat(page(other, channel, "").get("items").get(0).has("moderation")).isFalse();
		assertThat(search(other, channel, "passive income")).containsExactly(id);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(knowledge(other, "earn passive income online program")).contains(id));

		// the same decision again changes nothing; the other one is refused
		assertThat(decide(admin, itemId, "approve").status()).isEqualTo(200);
		assertProblem(decide(admin, itemId, "remove"), 409, "conflict");
		assertThat(this.jdbc.sql("select count(*) from audit_log where action = :action and resource = :resource")
			.param("action", "POST /api/v1/admin/moderation/{id}/approve")
			.param("resource", "/api/v1/admin/moderation/" + itemId + "/approve")
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(queuedIds(admin, "APPROVED")).contains(itemId);
	}

	@Test
	void aHeldMessageIsNotBroadcastUntilApprovedAndAnEditIntoSpamIsHidden() throws Exception {
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn other = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		String channel = channel(author, "Live moderation", false);
		try (StompClient watcher = StompClient.connect(this.port, other.accessToken())) {
			BlockingQueue<JsonNode> live = watcher.subscribe("/topic/channels/" + channel);
			// the subscription is in place once a message posted after it arrives
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				posted(author, channel, "Is anyone around this afternoon?");
				return live.poll(500, TimeUnit.MILLISECONDS) != null;
			});
			live.clear();

			String held = post(author, channel, SPAM).text("id");
			String visible = posted(author, channel, "The staging deploy is done, please have a look");
			JsonNode next = StompClient.next(live);
			assertThat(next.get("message").get("id").asString()).isEqualTo(visible);

			decide(admin, queued(admin, "HELD", held).get("id").asString(), "approve");
			JsonNode approved = StompClient.next(live);
			assertThat(approved.get("type").asString()).isEqualTo("posted");
			assertThat(approved.get("message").get("id").asString()).isEqualTo(held);
			assertThat(approved.get("message").has("moderation")).isFalse();

			Http.Response edited = this.http.patch("/api/v1/messages/" + visible, Map.of("text", SPAM))
				.token(author.accessToken())
				.send();
			assertThat(edited.text("moderation")).isEqualTo("HELD");
			JsonNode hidden = StompClient.next(live);
			assertThat(hidden.get("type").asString()).isEqualTo("hidden");
			assertThat(hidden.get("message").get("text").asString()).isEmpty();
			List<String> seen = page(other, channel, "").get("items")
				.valueStream()
				.map(message -> message.get("id").asString())
				.toList();
			assertThat(seen).contains(held).doesNotContain(visible);
		}
	}

	@Test
	void aRemovedMessageIsDeletedAndTheQueueIsForAdminsOnly() {
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		String channel = channel(author, "Removals", false);
		String id = post(author, channel, "Get FREE MONEY today, no questions asked").text("id");
		String itemId = queued(admin, "HELD", id).get("id").asString();

		assertProblem(this.http.get("/api/v1/admin/moderation").token(author.accessToken()).send(), 403, "forbidden");
		assertProblem(decide(author, itemId, "approve"), 403, "forbidden");
		assertProblem(this.http.get("/api/v1/admin/moderation?status=PENDING").token(admin.accessToken()).send(), 400,
				"validation-error");
		assertProblem(decide(admin, UUID.randomUUID().toString(), "approve"), 404, "not-found");

		assertThat(decide(admin, itemId, "remove").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(page(author, channel, "").get("items").get(0).get("deleted").asBoolean())
				.isTrue());
		assertThat(page(author, channel, "").get("items").get(0).get("text").asString()).isEmpty();
		assertThat(decide(admin, itemId, "remove").status()).isEqualTo(200);
		assertProblem(decide(admin, itemId, "approve"), 409, "conflict");
	}

	@Test
	void ordinaryWorkMessagesAreNotHeld() {
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		String channel = channel(author, "Work", false);
		for (String text : List.of("Can you review my pull request before the standup tomorrow?",
				"The build is failing on the integration tests, looking into it now",
				"Here is the design doc: https://docs.example.com/search", "teh plan", "LGTM, merging")) {
			Http.Response posted = post(author, channel, text);
			assertThat(posted.status()).isEqualTo(201);
			assertThat(posted.json().has("moderation")).as(text).isFalse();
		}
		assertThat(this.jdbc.sql("select count(*) from moderation_items where author_id = :author")
			.param("author", author.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aHeldCommentIsItsAuthorsUntilApproved() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		String project = this.http.post("/api/v1/projects", Map.of("name", "Moderated project"))
			.token(owner.accessToken())
			.send()
			.text("id");
		assertThat(this.http.put("/api/v1/projects/" + project + "/members/" + author.id(), Map.of("role", "EDITOR"))
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(200);
		String task = this.http
			.post("/api/v1/projects/" + project + "/tasks",
					Map.of("title", "Ship it", "type", "TASK", "priority", "MEDIUM"))
			.token(owner.accessToken())
			.send()
			.text("id");
		assertThat(this.http.post("/api/v1/tasks/" + task + "/comments", Map.of("body", "Looks good to me"))
			.token(owner.accessToken())
			.send()
			.json()
			.has("moderation")).isFalse();

		Http.Response held = this.http.post("/api/v1/tasks/" + task + "/comments", Map.of("body", SPAM))
			.token(author.accessToken())
			.send();
		assertThat(held.status()).as(held.toString()).isEqualTo(201);
		assertThat(held.text("moderation")).isEqualTo("HELD");
		assertThat(comments(owner, task)).containsExactly("Looks good to me");
		assertThat(comments(author, task)).containsExactly("Looks good to me", SPAM);

		String itemId = queued(admin, "HELD", held.text("id")).get("id").asString();
		assertThat(decide(admin, itemId, "approve").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(comments(owner, task)).containsExactly("Looks good to me", SPAM));
	}

	@Test
	void aHeldArticleIsNeitherReadableNorListedEvenPublishedUntilApproved() {
		LoggedIn publisher = loggedIn("ADMIN");
		LoggedIn reader = loggedIn("EDITOR");
		LoggedIn moderator = loggedIn("ADMIN");
		String tag = "m" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response created = this.http
			.post("/api/v1/articles",
					Map.of("title", "Side income", "body", SPAM, "status", "PUBLISHED", "tags", List.of(tag)))
			.token(publisher.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("moderation")).isEqualTo("HELD");
		String id = created.text("id");

		assertProblem(this.http.get("/api/v1/articles/" + id).token(reader.accessToken()).send(), 404, "not-found");
		assertThat(articleIds(reader, tag)).doesNotContain(id);
		assertThat(this.http.get("/api/v1/articles/" + id).token(publisher.accessToken()).send().status())
			.isEqualTo(200);

		String itemId = queued(moderator, "HELD", id).get("id").asString();
		assertThat(decide(moderator, itemId, "approve").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.http.get("/api/v1/articles/" + id).token(reader.accessToken()).send().status())
				.isEqualTo(200));
		assertThat(articleIds(reader, tag)).containsExactly(id);
	}

	private JsonNode queued(LoggedIn admin, String status, String sourceId) {
		Http.Response list = this.http.get("/api/v1/admin/moderation?limit=200&status=" + status)
			.token(admin.accessToken())
			.send();
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		return list.json()
			.get("items")
			.valueStream()
			.filter(item -> item.get("sourceId").asString().equals(sourceId))
			.findFirst()
			.orElseThrow(() -> new AssertionError(sourceId + " not in the " + status + " queue: " + list));
	}

	private List<String> queuedIds(LoggedIn admin, String status) {
		return this.http.get("/api/v1/admin/moderation?limit=200&status=" + status)
			.token(admin.accessToken())
			.send()
			.json()
			.get("items")
			.valueStream()
			.map(item -> item.get("id").asString())
			.toList();
	}

	private Http.Response decide(LoggedIn user, String itemId, String decision) {
		return this.http.post("/api/v1/admin/moderation/" + itemId + "/" + decision, "")
			.token(user.accessToken())
			.send();
	}

	private List<String> search(LoggedIn user, String channel, String q) {
		Http.Response found = this.http
			.get("/api/v1/search/messages?channelId=" + channel + "&q=" + q.replace(' ', '+'))
			.token(user.accessToken())
			.send();
		assertThat(found.status()).as(found.toString()).isEqualTo(200);
		return found.json().get("items").valueStream().map(hit -> hit.get("messageId").asString()).toList();
	}

	private List<String> knowledge(LoggedIn user, String q) {
		Http.Response found = this.http.get("/api/v1/search?types=message&limit=50&q=" + q.replace(' ', '+'))
			.token(user.accessToken())
			.send();
		assertThat(found.status()).as(found.toString()).isEqualTo(200);
		return found.json().get("items").valueStream().map(hit -> hit.get("id").asString()).toList();
	}

	private List<String> comments(LoggedIn user, String task) {
		Http.Response list = this.http.get("/api/v1/tasks/" + task + "/comments").token(user.accessToken()).send();
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		JsonNode body = list.json();
		JsonNode items = body.isArray() ? body : body.get("items");
		return items.valueStream().map(comment -> comment.get("body").asString()).toList();
	}

	private List<String> articleIds(LoggedIn user, String tag) {
		Http.Response list = this.http.get("/api/v1/articles?tag=" + tag).token(user.accessToken()).send();
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		JsonNode body = list.json();
		JsonNode items = body.isArray() ? body : body.get("items");
		return items.valueStream().map(article -> article.get("id").asString()).toList();
	}

}
