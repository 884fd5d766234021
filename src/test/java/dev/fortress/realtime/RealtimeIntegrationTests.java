package dev.fortress.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.socket.CloseStatus;

import dev.fortress.support.Http;
import dev.fortress.support.StompClient;
import dev.fortress.tasks.TaskForgeTest;

import static dev.fortress.support.StompClient.assertQuiet;
import static dev.fortress.support.StompClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket transport against the running server with real STOMP clients: who may
 * connect, subscribe and send, what reaches whom, the limits, and presence.
 */
@TestPropertySource(
		properties = { "fortress.realtime.max-connections-per-user=3", "fortress.realtime.sends-per-second=5",
				"fortress.realtime.presence-grace=1s", "fortress.realtime.sweep-interval=200ms",
				"fortress.realtime.heartbeat=500ms", "fortress.realtime.time-to-first-message=1s" })
class RealtimeIntegrationTests extends TaskForgeTest {

	private static final Duration QUIET = Duration.ofMillis(700);

	@Autowired
	RSAKey signingKey;

	@Autowired
	SimpUserRegistry subscriptions;

	@Autowired
	FakeChat chat;

	@Autowired
	MeterRegistry meters;

	@Test
	void connectWithoutATokenOrWithABadOneIsRefused() throws Exception {
		for (String token : new String[] { null, "not-a-jwt", loggedIn("EDITOR").accessToken() + "x" }) {
			try (StompClient client = StompClient.attempt(this.port, token)) {
				assertThat(client.connected()).isFalse();
				StompClient.ErrorFrame error = client.awaitError();
				assertThat(error.type()).endsWith("/unauthorized");
				assertThat(client.awaitClosed()).isTrue();
			}
		}
	}

	@Test
	void aPageFromAnOriginNotConfiguredCannotOpenASocket() {
		assertThatThrownBy(() -> RawSocket.openFrom(this.port, "https://evil.example")).hasStackTraceContaining("403");
	}

	@Test
	void connectWithAnExpiredTokenIsRefused() throws Exception {
		LoggedIn user = loggedIn("EDITOR");
		try (StompClient client = StompClient.attempt(this.port, token(user.id(), Instant.now().minusSeconds(120)))) {
			assertThat(client.connected()).isFalse();
			assertThat(client.awaitError().type()).endsWith("/unauthorized");
		}
	}

	@Test
	void aSocketWhoseTokenExpiresIsClosedAndRefusedFurtherFrames() throws Exception {
		LoggedIn user = loggedIn("EDITOR");
		// within the 30 s of clock skew the server allows, for about 3 s more
		String token = token(user.id(), Instant.now().minusSeconds(27));
		try (StompClient client = StompClient.connect(this.port, token)) {
			assertThat(client.awaitClosed()).as("closed by the sweep once expired").isTrue();
		}
	}

	@Test
	void aMemberMaySubscribeToTheirProjectButNotToAnotherOne() throws Exception {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		UUID project = createProject(owner, "Live board");
		try (StompClient member = StompClient.connect(this.port, owner.accessToken());
				StompClient stranger = StompClient.connect(this.port, outsider.accessToken())) {
			member.subscribe("/topic/projects/" + project);
			awaitSubscribed(owner.id(), "/topic/projects/" + project);

			stranger.subscribe("/topic/projects/" + project);
			StompClient.ErrorFrame refused = stranger.awaitError();
			assertThat(refused.type()).endsWith("/not-found");
			assertThat(refused.problem().path("status").asInt()).isEqualTo(404);
			assertThat(stranger.awaitClosed()).isTrue();
			assertThat(this.subscriptions
				.findSubscriptions(s -> s.getSession().getUser().getName().equals(outsider.id().toString()))).isEmpty();
		}
	}

	@Test
	void aMemberRemovedFromTheProjectLosesTheBoard() throws Exception {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn leaving = loggedIn("EDITOR");
		UUID project = createProject(owner, "Shrinking");
		addMember(owner, project, leaving.id(), "EDITOR");
		try (StompClient client = StompClient.connect(this.port, leaving.accessToken())) {
			client.subscribe("/topic/projects/" + project);
			awaitSubscribed(leaving.id(), "/topic/projects/" + project);
			assertThat(this.http.delete("/api/v1/projects/" + project + "/members/" + leaving.id())
				.token(owner.accessToken())
				.send()
				.status()).isEqualTo(204);
			assertThat(client.awaitClosed()).as("closed by the next sweep").isTrue();
		}
	}

	@Test
	void unknownDestinationsAndSendsStraightToATopicAreRefused() throws Exception {
		LoggedIn user = loggedIn("EDITOR");
		UUID project = createProject(user, "Spoof");
		for (String destination : List.of("/topic/anything", "/queue/other",
				"/user/" + UUID.randomUUID() + "/queue/notifications", "/topic/projects/not-a-uuid",
				"/topic/projects/1-1-1-1-1")) {
			double before = refused("not-found");
			try (StompClient client = StompClient.connect(this.port, user.accessToken())) {
				client.subscribe(destination);
				StompClient.ErrorFrame error = client.awaitErrorOrClosed();
				if (error != null) {
					assertThat(error.type()).as(destination).endsWith("/not-found");
				}
				await().atMost(StompClient.WAIT).until(() -> refused("not-found") > before);
			}
		}
		double refusedBefore = refused("not-found");
		try (StompClient client = StompClient.connect(this.port, user.accessToken())) {
			assertThat(this.meters.get("fortress.realtime.sessions").gauge().value()).isPositive();
			client.send("/topic/projects/" + project, Map.of("type", "deleted"));
			// the ERROR frame may be lost with the close that follows it
			// (docs/realtime.md);
			// the refusal itself is counted either way
			StompClient.ErrorFrame error = client.awaitErrorOrClosed();
			if (error != null) {
				assertThat(error.type()).endsWith("/not-found");
			}
			await().atMost(StompClient.WAIT).until(() -> refused("not-found") > refusedBefore);
		}
		assertThat(refused("not-found")).isEqualTo(refusedBefore + 1);
	}

	@Test
	void taskChangesReachTheProjectsMembersWithTheirVersionAndNobodyElse() throws Exception {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn viewer = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		UUID project = createProject(owner, "Watched");
		UUID elsewhere = createProject(outsider, "Elsewhere");
		addMember(owner, project, viewer.id(), "VIEWER");
		try (StompClient member = StompClient.connect(this.port, viewer.accessToken());
				StompClient stranger = StompClient.connect(this.port, outsider.accessToken())) {
			BlockingQueue<JsonNode> board = member.subscribe("/topic/projects/" + project);
			BlockingQueue<JsonNode> other = stranger.subscribe("/topic/projects/" + elsewhere);
			awaitSubscribed(viewer.id(), "/topic/projects/" + project);
			awaitSubscribed(outsider.id(), "/topic/projects/" + elsewhere);

			UUID task = createTask(owner, project, "Ship it");
			JsonNode created = next(board);
			assertThat(created.path("type").asString()).isEqualTo("created");
			assertThat(created.path("taskId").asString()).isEqualTo(task.toString());
			assertThat(created.path("version").asLong()).isEqualTo(1);

			assertThat(patchTask(owner, task, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
			JsonNode updated = next(board);
			assertThat(updated.path("type").asString()).isEqualTo("updated");
			assertThat(updated.path("version").asLong()).isEqualTo(2);
			assertThat(updated.path("status").asString()).isEqualTo("IN_PROGRESS");

			Http.Response comment = this.http.post("/api/v1/tasks/" + task + "/comments", Map.of("body", "On it"))
				.token(owner.accessToken())
				.send();
			assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
			assertThat(next(board).path("type").asString()).isEqualTo("commented");

			assertThat(this.http.delete("/api/v1/tasks/" + task).token(owner.accessToken()).send().status())
				.isEqualTo(204);
			JsonNode deleted = next(board);
			assertThat(deleted.path("type").asString()).isEqualTo("deleted");
			assertThat(deleted.path("version").asLong()).isEqualTo(2);

			assertQuiet(other, QUIET);
		}
	}

	@Test
	void aNotificationReachesOnlyItsUser() throws Exception {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn assignee = loggedIn("EDITOR");
		UUID project = createProject(owner, "Assignments");
		addMember(owner, project, assignee.id(), "EDITOR");
		try (StompClient mine = StompClient.connect(this.port, assignee.accessToken());
				StompClient theirs = StompClient.connect(this.port, owner.accessToken())) {
			BlockingQueue<JsonNode> inbox = mine.subscribe("/user/queue/notifications");
			BlockingQueue<JsonNode> ownerInbox = theirs.subscribe("/user/queue/notifications");
			awaitSubscribed(assignee.id(), "/user/queue/notifications");
			awaitSubscribed(owner.id(), "/user/queue/notifications");

			UUID task = createTask(owner, project, "For you", "assigneeId", assignee.id().toString());
			JsonNode live = next(inbox);
			assertThat(live.path("kind").asString()).isEqualTo("TASK_ASSIGNED");
			assertThat(live.path("link").asString()).endsWith("/tasks/" + task);
			JsonNode listed = this.http.get("/api/v1/me/notifications")
				.token(assignee.accessToken())
				.send()
				.json()
				.path("items")
				.get(0);
			assertThat(live).as("the same item as the list").isEqualTo(listed);
			assertQuiet(ownerInbox, QUIET);
		}
	}

	@Test
	void aBadFrameGetsAnErrorAndTheServerKeepsServingOthers() throws Exception {
		LoggedIn user = loggedIn("EDITOR");
		UUID project = createProject(user, "Robust");
		try (StompClient good = StompClient.connect(this.port, user.accessToken());
				RawSocket bad = RawSocket.open(this.port)) {
			BlockingQueue<JsonNode> board = good.subscribe("/topic/projects/" + project);
			awaitSubscribed(user.id(), "/topic/projects/" + project);

			bad.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + user.accessToken() + "\n\n\0");
			assertThat(bad.next()).startsWith("CONNECTED");
			double before = refused("malformed-request");
			bad.send("BOGUS\ndestination:/topic/x\n\n\0");
			String error = bad.nextOrClosed();
			if (error != null) {
				assertThat(error).startsWith("ERROR").contains("malformed-request").doesNotContain("Exception");
			}
			assertThat(bad.awaitClosed()).isTrue();
			assertThat(refused("malformed-request")).isGreaterThan(before);

			createTask(user, project, "Still here");
			assertThat(next(board).path("type").asString()).isEqualTo("created");
		}
	}

	@Test
	void heartBeatsAreNegotiatedAndAClientThatFallsSilentIsDropped() throws Exception {
		LoggedIn user = loggedIn("EDITOR");
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.send("CONNECT\naccept-version:1.2\nheart-beat:500,500\nAuthorization:Bearer " + user.accessToken()
					+ "\n\n\0");
			assertThat(socket.next()).startsWith("CONNECTED").contains("heart-beat:500,500");
			// promised a beat every 500 ms, sends none
			assertThat(socket.awaitClosed()).isTrue();
		}
	}

	@Test
	void aSocketThatNeverSendsConnectIsClosed() throws Exception {
		try (RawSocket silent = RawSocket.open(this.port)) {
			// sockets are checked for their first message when another one opens
			await().atMost(StompClient.WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
				RawSocket.open(this.port).close();
				return silent.closeStatus() != CloseStatus.NO_STATUS_CODE;
			});
		}
	}

	@Test
	void aMessageUpToTheSizeLimitIsTakenAndALargerOneClosesTheConnection() throws Exception {
		LoggedIn user = loggedIn("EDITOR");
		UUID channel = this.chat.channel(user.id());
		String large = "x".repeat(60 * 1024);
		try (RawSocket watcher = RawSocket.open(this.port); RawSocket sender = RawSocket.open(this.port)) {
			for (RawSocket socket : List.of(watcher, sender)) {
				socket.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + user.accessToken() + "\n\n\0");
				assertThat(socket.next()).startsWith("CONNECTED");
			}
			watcher.send("SUBSCRIBE\nid:0\ndestination:/topic/channels/" + channel + "\n\n\0");
			awaitSubscribed(user.id(), "/topic/channels/" + channel);
			sender.send(chatFrame(channel, large));
			assertThat(watcher.next()).startsWith("MESSAGE").contains(large);

			sender.sendRegardless(chatFrame(channel, "x".repeat(70 * 1024)));
			assertThat(sender.awaitClosed()).as("closed for a message over 64 KB").isTrue();
			assertThat(sender.closeStatus().getCode()).isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
		}
	}

	private static String chatFrame(UUID channel, String text) {
		return "SEND\ndestination:/app/channels/" + channel + "/messages\ncontent-type:application/json\n\n"
				+ "{\"text\":\"" + text + "\"}\0";
	}

	@Test
	void moreSendsThanTheLimitAreRefused() throws Exception {
		LoggedIn flooder = loggedIn("EDITOR");
		LoggedIn reader = loggedIn("EDITOR");
		UUID channel = this.chat.channel(flooder.id(), reader.id());
		try (StompClient client = StompClient.connect(this.port, flooder.accessToken());
				StompClient watcher = StompClient.connect(this.port, reader.accessToken())) {
			BlockingQueue<JsonNode> typing = watcher.subscribe("/topic/channels/" + channel + "/typing");
			awaitSubscribed(reader.id(), "/topic/channels/" + channel + "/typing");
			for (int i = 0; i < 20; i++) {
				client.send("/app/channels/" + channel + "/typing", Map.of("typing", true));
			}
			StompClient.ErrorFrame error = client.awaitError();
			assertThat(error.type()).endsWith("/rate-limited");
			assertThat(error.problem().path("retryAfterSeconds").asInt()).isPositive();
			assertThat(client.awaitClosed()).isTrue();
			next(typing);
			int delivered = 1;
			while (typing.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS) != null) {
				delivered++;
			}
			// the bucket holds 5 and refills 5 a second: the 6th or 7th frame is refused
			assertThat(delivered).as("typing updates let through").isBetween(5, 6);
		}
	}

	@Test
	void tooManyConnectionsOfOneUserAreRefused() throws Exception {
		LoggedIn user = loggedIn("EDITOR");
		try (StompClient first = StompClient.connect(this.port, user.accessToken());
				StompClient second = StompClient.connect(this.port, user.accessToken());
				StompClient third = StompClient.connect(this.port, user.accessToken());
				StompClient fourth = StompClient.attempt(this.port, user.accessToken())) {
			assertThat(fourth.connected()).isFalse();
			assertThat(fourth.awaitError().type()).endsWith("/rate-limited");
		}
		// the closed ones no longer count
		await().atMost(StompClient.WAIT).untilAsserted(() -> {
			try (StompClient again = StompClient.attempt(this.port, user.accessToken())) {
				assertThat(again.connected()).isTrue();
			}
		});
	}

	@Test
	void concurrentConnectsOfOneUserAdmitExactlyTheCap() throws Exception {
		LoggedIn user = loggedIn("EDITOR");
		ExecutorService threads = Executors.newFixedThreadPool(8);
		List<StompClient> clients = new ArrayList<>();
		try {
			List<Future<StompClient>> attempts = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				attempts.add(threads.submit(() -> StompClient.attempt(this.port, user.accessToken())));
			}
			for (Future<StompClient> attempt : attempts) {
				clients.add(attempt.get());
			}
			assertThat(clients.stream().filter(StompClient::connected).count()).isEqualTo(3);
		}
		finally {
			clients.forEach(StompClient::close);
			threads.shutdownNow();
		}
	}

	@Test
	void aDisabledAccountsSocketIsRefusedFurtherFrames() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn user = loggedIn("EDITOR");
		UUID project = createProject(user, "Soon gone");
		try (StompClient client = StompClient.connect(this.port, user.accessToken())) {
			Http.Response disabled = this.http.patch("/api/v1/admin/users/" + user.id(), Map.of("disabled", true))
				.token(admin.accessToken())
				.send();
			assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
			client.subscribe("/topic/projects/" + project);
			assertThat(client.awaitError().type()).endsWith("/unauthorized");
			assertThat(client.awaitClosed()).isTrue();
		}
	}

	@Test
	void chatMessagesAndTypingReachTheChannelsReadersAndErrorsOnlyTheSender() throws Exception {
		LoggedIn alice = loggedIn("EDITOR");
		LoggedIn bob = loggedIn("EDITOR");
		LoggedIn eve = loggedIn("EDITOR");
		UUID channel = this.chat.channel(alice.id(), bob.id());
		try (StompClient a = StompClient.connect(this.port, alice.accessToken());
				StompClient b = StompClient.connect(this.port, bob.accessToken());
				StompClient e = StompClient.connect(this.port, eve.accessToken())) {
			BlockingQueue<JsonNode> bobsChannel = b.subscribe("/topic/channels/" + channel);
			BlockingQueue<JsonNode> bobsTyping = b.subscribe("/topic/channels/" + channel + "/typing");
			BlockingQueue<JsonNode> alicesErrors = a.subscribe("/user/queue/errors");
			awaitSubscribed(bob.id(), "/topic/channels/" + channel + "/typing");
			awaitSubscribed(alice.id(), "/user/queue/errors");

			a.send("/app/channels/" + channel + "/typing", Map.of("typing", true));
			JsonNode typing = next(bobsTyping);
			assertThat(typing.path("userId").asString()).isEqualTo(alice.id().toString());
			assertThat(typing.path("typing").asBoolean()).isTrue();

			a.send("/app/channels/" + channel + "/messages", Map.of("text", "hello", "clientMessageId", "m-1"));
			JsonNode posted = next(bobsChannel);
			assertThat(posted.path("type").asString()).isEqualTo("posted");
			assertThat(posted.path("message").path("text").asString()).isEqualTo("hello");
			assertThat(posted.path("seq").asLong()).isPositive();

			a.send("/app/channels/" + channel + "/messages", Map.of("text", " "));
			JsonNode problem = next(alicesErrors);
			assertThat(problem.path("type").asString()).endsWith("/validation-error");
			assertThat(problem.path("status").asInt()).isEqualTo(400);
			a.send("/app/channels/" + channel + "/messages", "{not json");
			assertThat(next(alicesErrors).path("type").asString()).endsWith("/malformed-request");
			assertThat(a.connected()).as("a refused message keeps the connection").isTrue();

			e.subscribe("/topic/channels/" + channel);
			assertThat(e.awaitError().type()).endsWith("/not-found");
		}
	}

	@Test
	void presenceIsOnlineWhileConnectedAndOfflineAfterTheGracePeriod() throws Exception {
		LoggedIn alice = loggedIn("EDITOR");
		LoggedIn bob = loggedIn("EDITOR");
		LoggedIn eve = loggedIn("EDITOR");
		UUID channel = this.chat.channel(alice.id(), bob.id());
		assertThat(presence(alice, channel).path("online")).isEmpty();
		try (StompClient b = StompClient.connect(this.port, bob.accessToken())) {
			JsonNode online = presence(alice, channel).path("online");
			assertThat(online).hasSize(1);
			assertThat(online.get(0).path("userId").asString()).isEqualTo(bob.id().toString());
			assertThat(online.get(0).path("status").asString()).isEqualTo("online");
		}
		await().atMost(StompClient.WAIT).until(() -> presence(alice, channel).path("online").isEmpty());
		Http.Response hidden = this.http.get("/api/v1/channels/" + channel + "/presence")
			.token(eve.accessToken())
			.send();
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.text("type")).endsWith("/not-found");
	}

	private JsonNode presence(LoggedIn user, UUID channel) {
		Http.Response response = this.http.get("/api/v1/channels/" + channel + "/presence")
			.token(user.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private void awaitSubscribed(UUID userId, String destination) {
		await().atMost(StompClient.WAIT)
			.until(() -> !this.subscriptions
				.findSubscriptions(subscription -> subscription.getDestination().equals(destination)
						&& subscription.getSession().getUser().getName().equals(userId.toString()))
				.isEmpty());
	}

	/**
	 * An access token like the server's, signed with its key, expiring at {@code expiry}.
	 */
	private String token(UUID userId, Instant expiry) throws Exception {
		Instant issued = expiry.minusSeconds(900);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://fortress.local")
			.audience(List.of("fortress-api"))
			.subject(userId.toString())
			.issueTime(Date.from(issued))
			.notBeforeTime(Date.from(issued))
			.expirationTime(Date.from(expiry))
			.jwtID(UUID.randomUUID().toString())
			.claim("role", "EDITOR")
			.claim("sgen", 0)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
			.keyID(this.signingKey.getKeyID())
			.build(), claims);
		jwt.sign(new RSASSASigner(this.signingKey));
		return jwt.serialize();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Chat {

		@Bean
		@Primary
		FakeChat fakeChat(ApplicationEventPublisher events) {
			return new FakeChat(events);
		}

	}

	/** The server's count of refused frames of one problem type. */
	private double refused(String type) {
		return this.meters.counter("fortress.realtime.refused", "type", type).count();
	}

}
