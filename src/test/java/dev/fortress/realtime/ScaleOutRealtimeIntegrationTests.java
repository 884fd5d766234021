package dev.fortress.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.TestPropertySource;

import dev.fortress.FortressApplication;
import dev.fortress.support.LocalRedis;
import dev.fortress.support.StompClient;
import dev.fortress.tasks.TaskForgeTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the application (this test's and a second one started beside it, same
 * database, same Redis): what happens on one reaches the subscribers connected to the
 * other (ADR 0070), and presence is shared.
 */
@TestPropertySource(properties = "fortress.redis.url=" + LocalRedis.URL)
class ScaleOutRealtimeIntegrationTests extends TaskForgeTest {

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void secondInstance() {
		LocalRedis.assumeAvailable();
		second = new SpringApplicationBuilder(FortressApplication.class).run("--server.port=0",
				"--fortress.redis.url=" + LocalRedis.URL);
	}

	@AfterAll
	static void stopSecond() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void aTaskChangeAndANotificationOnOneInstanceReachSubscribersOnTheOther() throws Exception {
		int otherPort = ((WebServerApplicationContext) second).getWebServer().getPort();
		SimpUserRegistry otherRegistry = second.getBean(SimpUserRegistry.class);
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		UUID project = createProject(owner, "Across");
		addMember(owner, project, member.id(), "EDITOR");
		try (StompClient there = StompClient.connect(otherPort, member.accessToken())) {
			BlockingQueue<JsonNode> board = there.subscribe("/topic/projects/" + project);
			BlockingQueue<JsonNode> inbox = there.subscribe("/user/queue/notifications");
			await().atMost(StompClient.WAIT)
				.until(() -> otherRegistry.findSubscriptions(s -> s.getDestination().startsWith("/user/queue/"))
					.stream()
					.anyMatch(s -> s.getSession().getUser().getName().equals(member.id().toString())));

			// the second instance subscribes to Redis in the background: changes made
			// here
			// until it has, are lost to it, as live updates may be
			JsonNode created = await().atMost(Duration.ofSeconds(15)).until(() -> {
				createTask(owner, project, "Made on instance one");
				return board.poll(300, TimeUnit.MILLISECONDS);
			}, message -> message != null);
			assertThat(created.path("type").asString()).isEqualTo("created");
			assertThat(created.path("projectId").asString()).isEqualTo(project.toString());

			UUID assigned = createTask(owner, project, "Yours", "assigneeId", member.id().toString());
			JsonNode notification = StompClient.next(inbox);
			assertThat(notification.path("kind").asString()).isEqualTo("TASK_ASSIGNED");
			assertThat(notification.path("link").asString()).endsWith("/tasks/" + assigned);

			// connected to the other instance only, the member is online as this one sees
			// it
			String channel = this.http.post("/api/v1/channels", Map.of("name", "across", "projectId", project))
				.token(owner.accessToken())
				.send()
				.text("id");
			JsonNode online = this.http.get("/api/v1/channels/" + channel + "/presence")
				.token(owner.accessToken())
				.send()
				.json()
				.path("online");
			assertThat(online).hasSize(1);
			assertThat(online.get(0).path("userId").asString()).isEqualTo(member.id().toString());
			assertThat(online.get(0).path("status").asString()).isEqualTo("online");
		}
	}

}
