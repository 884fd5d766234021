package dev.fortress.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.StompClient;

import static dev.fortress.support.StompClient.assertQuiet;
import static dev.fortress.support.StompClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat over STOMP with the real chat module: posting through {@code /app}, the channel's
 * log events on {@code /topic/channels/{id}}, readership deciding who may subscribe, and
 * presence from the channel's real members.
 */
class ChatOverStompIntegrationTests extends IntegrationTest {

	@Autowired
	SimpUserRegistry subscriptions;

	@Test
	void aMessageSentOverStompIsPostedOnceAndReachesTheChannelsReaders() throws Exception {
		LoggedIn ada = loggedIn("EDITOR");
		LoggedIn bob = loggedIn("EDITOR");
		LoggedIn eve = loggedIn("EDITOR");
		UUID channel = channel(ada, true);
		Http.Response joined = this.http
			.put("/api/v1/channels/" + channel + "/members/" + bob.id(), Map.of("role", "MEMBER"))
			.token(ada.accessToken())
			.send();
		assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
		try (StompClient a = StompClient.connect(this.port, ada.accessToken());
				StompClient b = StompClient.connect(this.port, bob.accessToken());
				StompClient e = StompClient.connect(this.port, eve.accessToken())) {
			BlockingQueue<JsonNode> bobs = b.subscribe("/topic/channels/" + channel);
			awaitSubscribed(bob, "/topic/channels/" + channel);

			for (int i = 0; i < 2; i++) {
				a.send("/app/channels/" + channel + "/messages", Map.of("text", "hello bob", "clientMessageId", "c-1"));
			}
			JsonNode posted = next(bobs);
			assertThat(posted.path("type").asString()).isEqualTo("posted");
			assertThat(posted.path("message").path("text").asString()).isEqualTo("hello bob");
			assertThat(posted.path("message").path("authorId").asString()).isEqualTo(ada.id().toString());
			assertQuiet(bobs, Duration.ofMillis(700));
			JsonNode listed = this.http.get("/api/v1/channels/" + channel + "/messages")
				.token(bob.accessToken())
				.send()
				.json()
				.path("items");
			assertThat(listed).hasSize(1);
			assertThat(listed.get(0).path("seq").asLong()).isEqualTo(posted.path("seq").asLong());

			JsonNode online = this.http.get("/api/v1/channels/" + channel + "/presence")
				.token(bob.accessToken())
				.send()
				.json()
				.path("online");
			assertThat(online).hasSize(2);

			e.subscribe("/topic/channels/" + channel);
			assertThat(e.awaitError().type()).endsWith("/not-found");
			assertThat(
					this.http.get("/api/v1/channels/" + channel + "/presence").token(eve.accessToken()).send().status())
				.isEqualTo(404);
		}
	}

	@Test
	void aReaderWhoMayNotPostIsAnsweredOnTheErrorQueue() throws Exception {
		LoggedIn ada = loggedIn("EDITOR");
		LoggedIn viewer = loggedIn("VIEWER");
		UUID channel = channel(ada, false);
		try (StompClient v = StompClient.connect(this.port, viewer.accessToken())) {
			BlockingQueue<JsonNode> errors = v.subscribe("/user/queue/errors");
			awaitSubscribed(viewer, "/user/queue/errors");
			v.send("/app/channels/" + channel + "/messages", Map.of("text", "may I?"));
			JsonNode problem = next(errors);
			assertThat(problem.path("status").asInt()).isEqualTo(403);
			assertThat(v.connected()).isTrue();
		}
	}

	private UUID channel(LoggedIn owner, boolean isPrivate) {
		Http.Response created = this.http
			.post("/api/v1/channels",
					Map.of("name", "live-" + UUID.randomUUID().toString().substring(0, 8), "private", isPrivate))
			.token(owner.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return UUID.fromString(created.text("id"));
	}

	private void awaitSubscribed(LoggedIn user, String destination) {
		await().atMost(StompClient.WAIT)
			.until(() -> !this.subscriptions
				.findSubscriptions(subscription -> subscription.getDestination().equals(destination)
						&& subscription.getSession().getUser().getName().equals(user.id().toString()))
				.isEmpty());
	}

}
