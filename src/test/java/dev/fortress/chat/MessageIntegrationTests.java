package dev.fortress.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages: posting, threads, edits, deletes, reactions, history, paging, read markers.
 */
class MessageIntegrationTests extends ChatTest {

	@Test
	void aMessageIsEditedByItsAuthorDeletedByAnOwnerAndItsHistoryIsItsEvents() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn other = loggedIn("EDITOR");
		String channel = channel(owner, "Edits", true);
		addMember(owner, channel, author, "MEMBER");
		addMember(owner, channel, other, "MEMBER");
		Http.Response posted = post(author, channel, "  teh plan  ");
		assertThat(posted.status()).isEqualTo(201);
		assertThat(posted.header("Location")).endsWith("/api/v1/messages/" + posted.text("id"));
		assertThat(posted.text("text")).isEqualTo("teh plan");
		assertThat(posted.json().get("version").asInt()).isEqualTo(1);
		String id = posted.text("id");

		assertProblem(
				this.http.patch("/api/v1/messages/" + id, Map.of("text", "mine now")).token(other.accessToken()).send(),
				403, "forbidden");
		Http.Response edited = this.http.patch("/api/v1/messages/" + id, Map.of("text", "the plan"))
			.token(author.accessToken())
			.send();
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		assertThat(edited.text("text")).isEqualTo("the plan");
		assertThat(edited.json().get("version").asInt()).isEqualTo(2);
		assertThat(edited.text("editedAt")).isNotNull();

		Http.Response history = this.http.get("/api/v1/messages/" + id + "/history").token(other.accessToken()).send();
		assertThat(history.json()
			.get("items")
			.valueStream()
			.map((e) -> e.get("type").asString() + ":" + e.get("text").asString()))
			.containsExactly("posted:teh plan", "edited:the plan");

		assertProblem(this.http.delete("/api/v1/messages/" + id).token(other.accessToken()).send(), 403, "forbidden");
		assertThat(this.http.delete("/api/v1/messages/" + id).token(owner.accessToken()).send().status())
			.isEqualTo(204);
		assertThat(this.http.delete("/api/v1/messages/" + id).token(author.accessToken()).send().status())
			.isEqualTo(204);
		JsonNode deleted = page(other, channel, "").get("items").get(0);
		assertThat(deleted.get("deleted").asBoolean()).isTrue();
		assertThat(deleted.get("text").asString()).isEmpty();
		JsonNode redacted = this.http.get("/api/v1/messages/" + id + "/history")
			.token(author.accessToken())
			.send()
			.json();
		assertThat(redacted.get("items").valueStream().map((e) -> e.get("type").asString())).containsExactly("posted",
				"edited", "deleted");
		assertThat(redacted.toString()).doesNotContain("the plan");
		assertProblem(
				this.http.patch("/api/v1/messages/" + id, Map.of("text", "undo")).token(author.accessToken()).send(),
				409, "conflict");
		assertProblem(this.http.put("/api/v1/messages/" + id + "/reactions/%F0%9F%91%8D", "")
			.token(other.accessToken())
			.send(), 409, "conflict");

		LoggedIn outsider = loggedIn("EDITOR");
		assertProblem(this.http.get("/api/v1/messages/" + id + "/history").token(outsider.accessToken()).send(), 404,
				"not-found");
	}

	@Test
	void repliesFormThreadsAndReactionsAreOnePerUserAndEmoji() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		String channel = channel(owner, "Threads", false);
		addMember(member, channel, member, "MEMBER");
		String question = posted(owner, channel, "question?");
		String first = reply(member, channel, question, "answer 1");
		reply(owner, channel, question, "answer 2");
		posted(owner, channel, "next topic");

		assertThat(texts(page(member, channel, ""))).containsExactly("next topic", "question?");
		assertThat(texts(page(member, channel, "?parentId=" + question))).containsExactly("answer 2", "answer 1");
		Map<String, Object> nested = new HashMap<>(Map.of("text", "deeper", "parentId", first));
		assertProblem(
				this.http.post("/api/v1/channels/" + channel + "/messages", nested).token(owner.accessToken()).send(),
				400, "validation-error");

		String thumbs = "/api/v1/messages/" + question + "/reactions/%F0%9F%91%8D";
		assertThat(this.http.put(thumbs, "").token(member.accessToken()).send().status()).isEqualTo(200);
		Http.Response twice = this.http.put(thumbs, "").token(member.accessToken()).send();
		assertThat(twice.json().get("reactions").get("\uD83D\uDC4D").valueStream().map(JsonNode::asString))
			.containsExactly(member.id().toString());
		Http.Response both = this.http.put(thumbs, "").token(owner.accessToken()).send();
		assertThat(both.json().get("reactions").get("\uD83D\uDC4D")).hasSize(2);
		assertThat(both.json().get("version").asInt()).isEqualTo(3);
		Http.Response taken = this.http.delete(thumbs).token(member.accessToken()).send();
		assertThat(taken.status()).isEqualTo(200);
		assertThat(taken.json().get("reactions").get("\uD83D\uDC4D").valueStream().map(JsonNode::asString))
			.containsExactly(owner.id().toString());
		assertProblem(this.http.put("/api/v1/messages/" + question + "/reactions/a%20b", "")
			.token(owner.accessToken())
			.send(), 400, "validation-error");
	}

	@Test
	void historyPagesByKeysetInBothDirections() {
		LoggedIn owner = loggedIn("EDITOR");
		String channel = channel(owner, "Paging", true);
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 25; i++) {
			ids.add(posted(owner, channel, "m" + i));
		}
		JsonNode newest = page(owner, channel, "?limit=10");
		assertThat(texts(newest)).containsExactly("m25", "m24", "m23", "m22", "m21", "m20", "m19", "m18", "m17", "m16");
		assertThat(newest.get("hasMore").asBoolean()).isTrue();
		JsonNode older = page(owner, channel, "?limit=10&before=" + ids.get(15));
		assertThat(texts(older)).containsExactly("m15", "m14", "m13", "m12", "m11", "m10", "m9", "m8", "m7", "m6");
		JsonNode oldest = page(owner, channel, "?limit=10&before=" + ids.get(5));
		assertThat(texts(oldest)).containsExactly("m5", "m4", "m3", "m2", "m1");
		assertThat(oldest.get("hasMore").asBoolean()).isFalse();

		JsonNode newer = page(owner, channel, "?limit=10&after=" + ids.get(4));
		assertThat(texts(newer)).containsExactly("m15", "m14", "m13", "m12", "m11", "m10", "m9", "m8", "m7", "m6");
		assertThat(newer.get("hasMore").asBoolean()).isTrue();
		JsonNode latest = page(owner, channel, "?limit=10&after=" + ids.get(19));
		assertThat(texts(latest)).containsExactly("m25", "m24", "m23", "m22", "m21");
		assertThat(latest.get("hasMore").asBoolean()).isFalse();

		assertProblem(
				this.http.get("/api/v1/channels/" + channel + "/messages?limit=0").token(owner.accessToken()).send(),
				400, "validation-error");
		assertProblem(
				this.http.get("/api/v1/channels/" + channel + "/messages?before=" + ids.get(1) + "&after=" + ids.get(2))
					.token(owner.accessToken())
					.send(),
				400, "validation-error");
		String elsewhere = posted(owner, channel(owner, "Elsewhere", true), "x");
		assertProblem(this.http.get("/api/v1/channels/" + channel + "/messages?before=" + elsewhere)
			.token(owner.accessToken())
			.send(), 400, "validation-error");
	}

	@Test
	void aResendWithTheSameIdempotencyKeyPostsOnceEvenConcurrently() throws Exception {
		LoggedIn author = loggedIn("EDITOR");
		String channel = channel(author, "Flaky network", true);
		Http.Response first = this.http.post("/api/v1/channels/" + channel + "/messages", Map.of("text", "once"))
			.token(author.accessToken())
			.header("Idempotency-Key", "resend-1")
			.send();
		Http.Response again = this.http.post("/api/v1/channels/" + channel + "/messages", Map.of("text", "once"))
			.token(author.accessToken())
			.header("Idempotency-Key", "resend-1")
			.send();
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.text("id")).isEqualTo(first.text("id"));
		assertProblem(this.http.post("/api/v1/channels/" + channel + "/messages", Map.of("text", "twice"))
			.token(author.accessToken())
			.header("Idempotency-Key", "resend-1")
			.send(), 422, "idempotency-key-reused");
		assertProblem(this.http.post("/api/v1/channels/" + channel + "/messages", Map.of("text", "x"))
			.token(author.accessToken())
			.header("Idempotency-Key", "has space")
			.send(), 400, "validation-error");

		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Http.Response>> resends = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				resends.add(() -> this.http.post("/api/v1/channels/" + channel + "/messages", Map.of("text", "race"))
					.token(author.accessToken())
					.header("Idempotency-Key", "resend-2")
					.send());
			}
			List<String> ids = new ArrayList<>();
			for (Future<Http.Response> done : pool.invokeAll(resends)) {
				assertThat(done.get().status()).as(done.get().toString()).isEqualTo(201);
				ids.add(done.get().text("id"));
			}
			assertThat(ids).hasSize(8).containsOnly(ids.get(0));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(texts(page(author, channel, ""))).containsExactly("race", "once");
	}

	@Test
	void unreadCountsFollowTheReadMarkerWhichOnlyMovesForward() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn reader = loggedIn("EDITOR");
		String channel = channel(owner, "Unread", true);
		addMember(owner, channel, reader, "READER");
		String one = posted(owner, channel, "one");
		String two = posted(owner, channel, "two");
		String three = posted(owner, channel, "three");
		assertThat(listed(reader, channel).get("unread").asLong()).isEqualTo(3);
		assertThat(listed(owner, channel).get("unread").asLong()).isZero();

		Http.Response marked = this.http.post("/api/v1/channels/" + channel + "/read", Map.of("messageId", two))
			.token(reader.accessToken())
			.send();
		assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
		assertThat(marked.json().get("unread").asLong()).isEqualTo(1);
		this.http.post("/api/v1/channels/" + channel + "/read", Map.of("messageId", one))
			.token(reader.accessToken())
			.send();
		assertThat(listed(reader, channel).get("unread").asLong()).isEqualTo(1);
		assertThat(this.http.delete("/api/v1/messages/" + three).token(owner.accessToken()).send().status())
			.isEqualTo(204);
		assertThat(listed(reader, channel).get("unread").asLong()).isZero();
		posted(owner, channel, "four");
		assertThat(this.http.get("/api/v1/channels/" + channel)
			.token(reader.accessToken())
			.send()
			.json()
			.get("unread")
			.asLong()).isEqualTo(1);
	}

	@Test
	void mentioningAReaderNotifiesThemButMentioningAnOutsiderTellsNoOne() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		String channel = channel(owner, "Mentions", true);
		addMember(owner, channel, member, "MEMBER");
		posted(owner, channel, "@" + member.email() + " and @" + outsider.email() + ", please review");

		JsonNode notice = await().atMost(Duration.ofSeconds(20))
			.until(() -> notifications(member, "CHAT_MENTIONED"), (found) -> !found.isEmpty())
			.get(0);
		assertThat(notice.get("subject").asString()).contains("mentioned you in Mentions");
		assertThat(notice.get("body").asString()).contains("please review");
		assertThat(notice.get("link").asString()).contains("/chat/channels/" + channel);
		assertThat(notifications(outsider, "CHAT_MENTIONED")).isEmpty();
		assertThat(notifications(owner, "CHAT_MENTIONED")).isEmpty();
	}

	private List<JsonNode> notifications(LoggedIn user, String kind) {
		Http.Response listed = this.http.get("/api/v1/me/notifications").token(user.accessToken()).send();
		assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
		return listed.json().get("items").valueStream().filter((n) -> kind.equals(n.get("kind").asString())).toList();
	}

	@Test
	void badMessagesAreProblems() {
		LoggedIn owner = loggedIn("EDITOR");
		String channel = channel(owner, "Bad input", true);
		assertProblem(post(owner, channel, " "), 400, "validation-error");
		assertProblem(post(owner, channel, "x".repeat(4001)), 400, "validation-error");
		assertProblem(post(owner, channel, "nul\u0000"), 400, "validation-error");
		assertProblem(post(owner, channel, "bell\u0007"), 400, "validation-error");
		Map<String, Object> attached = new HashMap<>(
				Map.of("text", "see file", "attachmentIds", List.of(java.util.UUID.randomUUID())));
		assertProblem(
				this.http.post("/api/v1/channels/" + channel + "/messages", attached).token(owner.accessToken()).send(),
				400, "validation-error");
		assertProblem(
				this.http.post("/api/v1/channels/" + channel + "/messages", "{\"text\": \"x\", \"parentId\": \"nope\"}")
					.token(owner.accessToken())
					.send(),
				400, "malformed-request");
		assertProblem(post(owner, java.util.UUID.randomUUID().toString(), "lost"), 404, "not-found");
		assertProblem(this.http.patch("/api/v1/messages/" + java.util.UUID.randomUUID(), Map.of("text", "x"))
			.token(owner.accessToken())
			.send(), 404, "not-found");
	}

}
