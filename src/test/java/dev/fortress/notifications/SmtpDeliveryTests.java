package dev.fortress.notifications;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.Mail;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail over a real SMTP server (GreenMail, in this JVM): messages arrive with both
 * bodies; with the server down a checkout still succeeds, the message is retried and
 * becomes a dead letter, and once the server is back an admin's replay delivers it
 * exactly once.
 */
class SmtpDeliveryTests extends IntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final int PORT = freePort();

	private static GreenMail smtp = start();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("fortress.mail.smtp-host", () -> "127.0.0.1");
		registry.add("fortress.mail.smtp-port", () -> PORT);
		registry.add("fortress.mail.start-tls", () -> false);
		registry.add("fortress.mail.timeout", () -> "2s");
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	@Test
	void aConfirmationArrivesWithItsPlainTextAndHtmlBodies() throws IOException {
		Shop shop = new Shop(this.http, loggedIn("ADMIN").accessToken());
		LoggedIn buyer = loggedIn("EDITOR");
		String orderId = shop.paidOrder(shop.product(3), 1, buyer.accessToken()).text("id");

		await().atMost(PATIENCE).until(() -> messagesTo(buyer.email()).size() == 1);
		Mail mail = Mail.of(messagesTo(buyer.email()).get(0));
		assertThat(mail.subject()).endsWith(" is confirmed");
		assertThat(mail.text()).contains("EUR 70.00").contains("/orders/" + orderId);
		assertThat(mail.html()).contains("<strong>EUR 70.00</strong>").contains("/orders/" + orderId);
	}

	@Test
	void withTheServerDownTheCheckoutSucceedsAndTheMessageIsDeadLetteredThenReplayedOnce() throws Exception {
		Shop shop = new Shop(this.http, loggedIn("ADMIN").accessToken());
		String sku = shop.product(3);
		LoggedIn buyer = loggedIn("EDITOR");
		String admin = loggedIn("ADMIN").accessToken();

		smtp.stop();
		String orderId;
		try {
			Http.Response paid = shop.paidOrder(sku, 1, buyer.accessToken());
			orderId = paid.text("id");
			JsonNode letter = await().atMost(PATIENCE)
				.until(() -> deadLetterFor(admin, orderId), (found) -> found != null);
			assertThat(letter.get("lastError").asText()).contains("SMTP 127.0.0.1:" + PORT);
			assertThat(letter.get("attempts").asInt()).isEqualTo(3);
			assertThat(inApp(buyer)).as("the in-app copy is written with the e-mail, or not at all").isEmpty();
		}
		finally {
			smtp = start();
		}

		Http.Response replay = this.http.post("/api/v1/admin/dead-letters/replay", "").token(admin).send();
		assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
		await().atMost(PATIENCE).until(() -> messagesTo(buyer.email()).size() == 1);
		assertThat(Mail.of(messagesTo(buyer.email()).get(0)).text()).contains("/orders/" + orderId);
		assertThat(inApp(buyer)).hasSize(1);

		this.http.post("/api/v1/admin/dead-letters/replay", "").token(admin).send();
		Thread.sleep(1000);
		assertThat(messagesTo(buyer.email())).hasSize(1);
		assertThat(inApp(buyer)).hasSize(1);
	}

	private JsonNode deadLetterFor(String admin, String orderId) {
		Http.Response letters = this.http.get("/api/v1/admin/dead-letters?limit=200").token(admin).send();
		for (JsonNode item : letters.json().get("items")) {
			if (orderId.equals(item.get("payload").path("orderId").asText())
					&& item.get("listener").asText().startsWith("NotificationTriggers")) {
				return item;
			}
		}
		return null;
	}

	private List<JsonNode> inApp(LoggedIn user) {
		return this.http.get("/api/v1/me/notifications")
			.token(user.accessToken())
			.send()
			.json()
			.get("items")
			.valueStream()
			.toList();
	}

	private static List<MimeMessage> messagesTo(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch((to) -> to.toString().contains(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).toList();
	}

	private static GreenMail start() {
		GreenMail server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
