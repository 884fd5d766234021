package dev.fortress.chat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Chat's journeys over real HTTP: helpers that make channels and messages. */
public abstract class ChatTest extends IntegrationTest {

	protected String channel(LoggedIn owner, String name, boolean isPrivate) {
		Http.Response created = this.http.post("/api/v1/channels", Map.of("name", name, "private", isPrivate))
			.token(owner.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.text("id");
	}

	protected void addMember(LoggedIn owner, String channel, LoggedIn member, String role) {
		Http.Response put = this.http
			.put("/api/v1/channels/" + channel + "/members/" + member.id(), Map.of("role", role))
			.token(owner.accessToken())
			.send();
		assertThat(put.status()).as(put.toString()).isEqualTo(200);
	}

	protected Http.Response post(LoggedIn author, String channel, String text) {
		return this.http.post("/api/v1/channels/" + channel + "/messages", Map.of("text", text))
			.token(author.accessToken())
			.send();
	}

	protected String posted(LoggedIn author, String channel, String text) {
		Http.Response posted = post(author, channel, text);
		assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
		return posted.text("id");
	}

	protected String reply(LoggedIn author, String channel, String parentId, String text) {
		Map<String, Object> body = new HashMap<>();
		body.put("text", text);
		body.put("parentId", parentId);
		Http.Response posted = this.http.post("/api/v1/channels/" + channel + "/messages", body)
			.token(author.accessToken())
			.send();
		assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
		return posted.text("id");
	}

	protected JsonNode page(LoggedIn reader, String channel, String query) {
		Http.Response page = this.http.get("/api/v1/channels/" + channel + "/messages" + query)
			.token(reader.accessToken())
			.send();
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return page.json();
	}

	protected static List<String> texts(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("text").asString()).toList();
	}

	protected JsonNode listed(LoggedIn user, String channel) {
		Http.Response list = this.http.get("/api/v1/channels").token(user.accessToken()).send();
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		return list.json()
			.get("items")
			.valueStream()
			.filter((item) -> item.get("id").asString().equals(channel))
			.findFirst()
			.orElse(null);
	}

}
