package dev.fortress.chat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Channels, their roles and direct conversations, over real HTTP. */
class ChannelIntegrationTests extends ChatTest {

	@Test
	void aPrivateChannelIsItsMembersOnlyAndItsRolesDecideWhoMayDoWhat() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		LoggedIn reader = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		Http.Response created = this.http
			.post("/api/v1/channels", Map.of("name", " Launch ", "topic", "Friday", "private", true))
			.token(owner.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Location")).endsWith("/api/v1/channels/" + created.text("id"));
		assertThat(created.text("name")).isEqualTo("Launch");
		assertThat(created.text("role")).isEqualTo("OWNER");
		assertThat(created.json().get("private").asBoolean()).isTrue();
		String channel = created.text("id");

		assertProblem(this.http.get("/api/v1/channels/" + channel).token(outsider.accessToken()).send(), 404,
				"not-found");
		assertThat(listed(outsider, channel)).isNull();
		assertProblem(post(outsider, channel, "let me in"), 404, "not-found");

		addMember(owner, channel, member, "MEMBER");
		addMember(owner, channel, reader, "READER");
		assertThat(posted(member, channel, "hello")).isNotNull();
		assertProblem(post(reader, channel, "may I?"), 403, "forbidden");
		assertProblem(this.http.put("/api/v1/channels/" + channel + "/members/" + reader.id(), Map.of("role", "MEMBER"))
			.token(reader.accessToken())
			.send(), 403, "forbidden");
		assertProblem(this.http.patch("/api/v1/channels/" + channel, Map.of("name", "Mine"))
			.token(member.accessToken())
			.send(), 403, "forbidden");
		assertProblem(
				this.http.put("/api/v1/channels/" + channel + "/members/" + outsider.id(), Map.of("role", "MEMBER"))
					.token(member.accessToken())
					.send(),
				403, "forbidden");

		Http.Response members = this.http.get("/api/v1/channels/" + channel + "/members")
			.token(reader.accessToken())
			.send();
		assertThat(members.status()).isEqualTo(200);
		assertThat(members.json().get("items").valueStream().map((item) -> item.get("role").asString()))
			.containsExactly("OWNER", "MEMBER", "READER");

		Http.Response renamed = this.http.patch("/api/v1/channels/" + channel, Map.of("name", "Launch day"))
			.token(owner.accessToken())
			.send();
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
		assertThat(renamed.text("name")).isEqualTo("Launch day");
		assertThat(renamed.text("topic")).isEqualTo("Friday");

		assertProblem(this.http.put("/api/v1/channels/" + channel + "/members/" + owner.id(), Map.of("role", "MEMBER"))
			.token(owner.accessToken())
			.send(), 409, "conflict");
		assertProblem(this.http.delete("/api/v1/channels/" + channel + "/members/" + owner.id())
			.token(owner.accessToken())
			.send(), 409, "conflict");
		assertThat(this.http.delete("/api/v1/channels/" + channel + "/members/" + reader.id())
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(204);
		assertProblem(this.http.get("/api/v1/channels/" + channel).token(reader.accessToken()).send(), 404,
				"not-found");

		assertProblem(this.http.delete("/api/v1/channels/" + channel).token(member.accessToken()).send(), 403,
				"forbidden");
		assertThat(this.http.delete("/api/v1/channels/" + channel).token(owner.accessToken()).send().status())
			.isEqualTo(204);
		assertProblem(this.http.get("/api/v1/channels/" + channel).token(owner.accessToken()).send(), 404, "not-found");
	}

	@Test
	void aPublicChannelIsReadByAnyoneWhoMustJoinToPost() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn passerBy = loggedIn("EDITOR");
		LoggedIn viewer = loggedIn("VIEWER");
		String channel = channel(owner, "Town square", false);
		posted(owner, channel, "welcome");

		Http.Response seen = this.http.get("/api/v1/channels/" + channel).token(passerBy.accessToken()).send();
		assertThat(seen.status()).isEqualTo(200);
		assertThat(seen.text("role")).isEqualTo("READER");
		assertThat(texts(page(passerBy, channel, ""))).containsExactly("welcome");
		assertProblem(post(passerBy, channel, "hi"), 403, "forbidden");

		addMember(passerBy, channel, passerBy, "MEMBER");
		assertThat(posted(passerBy, channel, "hi")).isNotNull();
		assertProblem(
				this.http.put("/api/v1/channels/" + channel + "/members/" + passerBy.id(), Map.of("role", "OWNER"))
					.token(passerBy.accessToken())
					.send(),
				403, "forbidden");
		assertThat(this.http.delete("/api/v1/channels/" + channel + "/members/" + passerBy.id())
			.token(passerBy.accessToken())
			.send()
			.status()).isEqualTo(204);

		assertProblem(this.http.put("/api/v1/channels/" + channel + "/members/" + viewer.id(), Map.of("role", "MEMBER"))
			.token(viewer.accessToken())
			.send(), 403, "forbidden");
		assertProblem(this.http.post("/api/v1/channels", Map.of("name", "Viewers' corner"))
			.token(viewer.accessToken())
			.send(), 403, "forbidden");
	}

	@Test
	void aDirectConversationIsStartedOnceAndReadByItsTwoParticipantsOnly() {
		LoggedIn one = loggedIn("EDITOR");
		LoggedIn other = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		Http.Response started = this.http.post("/api/v1/dms", Map.of("userId", other.id()))
			.token(one.accessToken())
			.send();
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		assertThat(started.json().get("direct").asBoolean()).isTrue();
		assertThat(started.json().get("participantIds").valueStream().map((id) -> id.asString()))
			.containsExactlyInAnyOrder(one.id().toString(), other.id().toString());
		String channel = started.text("id");
		Http.Response again = this.http.post("/api/v1/dms", Map.of("userId", other.id()))
			.token(one.accessToken())
			.send();
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.text("id")).isEqualTo(channel);
		Http.Response reverse = this.http.post("/api/v1/dms", Map.of("userId", one.id()))
			.token(other.accessToken())
			.send();
		assertThat(reverse.status()).isEqualTo(200);
		assertThat(reverse.text("id")).isEqualTo(channel);

		posted(other, channel, "psst");
		assertThat(texts(page(one, channel, ""))).containsExactly("psst");
		assertProblem(this.http.get("/api/v1/channels/" + channel).token(admin.accessToken()).send(), 404, "not-found");
		assertProblem(this.http.put("/api/v1/channels/" + channel + "/members/" + admin.id(), Map.of("role", "MEMBER"))
			.token(one.accessToken())
			.send(), 409, "conflict");
		assertProblem(this.http.post("/api/v1/dms", Map.of("userId", one.id())).token(one.accessToken()).send(), 400,
				"validation-error");
		assertProblem(
				this.http.post("/api/v1/dms", Map.of("userId", UUID.randomUUID())).token(one.accessToken()).send(), 404,
				"not-found");
	}

	@Test
	void aProjectChannelIsReadByTheProjectsMembersOnly() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn colleague = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		String project = this.http.post("/api/v1/projects", Map.of("name", "Chatty project"))
			.token(owner.accessToken())
			.send()
			.text("id");
		assertThat(this.http.put("/api/v1/projects/" + project + "/members/" + colleague.id(), Map.of("role", "EDITOR"))
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(200);
		Map<String, Object> body = new HashMap<>(Map.of("name", "Project talk", "projectId", project));
		assertProblem(this.http.post("/api/v1/channels", body).token(outsider.accessToken()).send(), 404, "not-found");
		Http.Response created = this.http.post("/api/v1/channels", body).token(owner.accessToken()).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String channel = created.text("id");

		assertThat(this.http.get("/api/v1/channels/" + channel).token(colleague.accessToken()).send().text("role"))
			.isEqualTo("MEMBER");
		posted(colleague, channel, "on it");
		assertThat(listed(colleague, channel)).isNotNull();
		assertThat(listed(outsider, channel)).isNull();
		assertProblem(this.http.get("/api/v1/channels/" + channel).token(outsider.accessToken()).send(), 404,
				"not-found");
		Http.Response members = this.http.get("/api/v1/channels/" + channel + "/members")
			.token(colleague.accessToken())
			.send();
		assertThat(members.json().get("items").valueStream().map((item) -> item.get("userId").asString()))
			.containsExactlyInAnyOrder(owner.id().toString(), colleague.id().toString());
		assertProblem(
				this.http.put("/api/v1/channels/" + channel + "/members/" + outsider.id(), Map.of("role", "MEMBER"))
					.token(owner.accessToken())
					.send(),
				400, "validation-error");

		assertThat(this.http.delete("/api/v1/projects/" + project + "/members/" + colleague.id())
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(204);
		assertProblem(post(colleague, channel, "still here?"), 404, "not-found");

		assertThat(this.http.delete("/api/v1/projects/" + project).token(owner.accessToken()).send().status())
			.isEqualTo(204);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from chat_channels where id = cast(:id as uuid)")
				.param("id", channel)
				.query(Integer.class)
				.single() == 0);
	}

	@Test
	void badInputIsAProblemAndNeverAnError() {
		LoggedIn owner = loggedIn("EDITOR");
		String channel = channel(owner, "Strict", false);
		assertProblem(this.http.post("/api/v1/channels", Map.of("name", " ")).token(owner.accessToken()).send(), 400,
				"validation-error");
		assertProblem(
				this.http.post("/api/v1/channels", Map.of("name", "x".repeat(81))).token(owner.accessToken()).send(),
				400, "validation-error");
		assertProblem(this.http.post("/api/v1/channels", Map.of("name", "a\u0000b")).token(owner.accessToken()).send(),
				400, "validation-error");
		assertProblem(this.http.post("/api/v1/channels", "{\"name\": ").token(owner.accessToken()).send(), 400,
				"malformed-request");
		assertProblem(this.http.put("/api/v1/channels/" + channel + "/members/" + owner.id(), Map.of("role", "KING"))
			.token(owner.accessToken())
			.send(), 400, "malformed-request");
		assertProblem(this.http.get("/api/v1/channels/not-an-id").token(owner.accessToken()).send(), 400,
				"validation-error");
		assertProblem(this.http.post("/api/v1/channels/" + channel + "/read", Map.of("messageId", UUID.randomUUID()))
			.token(owner.accessToken())
			.send(), 400, "validation-error");
		assertThat(this.http.get("/api/v1/channels").send().status()).isEqualTo(401);
	}

}
