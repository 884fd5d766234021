package dev.fortress.notifications;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.platform.config.FortressProperties;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.Mail;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events tell people what happened to them, in the app and by e-mail; with no SMTP server
 * configured (as here) each e-mail is an {@code .eml} file under the data directory.
 */
class NotificationsIntegrationTests extends IntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	FortressProperties fortress;

	@Test
	void aPaidOrderIsConfirmedInTheAppAndByMailToItsBuyerOnly() throws IOException {
		Shop shop = new Shop(this.http, loggedIn("ADMIN").accessToken());
		LoggedIn buyer = loggedIn("EDITOR");
		String orderId = shop.paidOrder(shop.product(5), 2, buyer.accessToken()).text("id");

		JsonNode notice = await().atMost(PATIENCE)
			.until(() -> only(buyer, "ORDER_CONFIRMED"), (found) -> found != null);
		assertThat(notice.get("subject").asText()).startsWith("Your order ").endsWith(" is confirmed");
		assertThat(notice.get("body").asText()).contains("EUR 140.00").contains("Hello editor,");
		assertThat(notice.get("link").asText()).endsWith("/orders/" + orderId);
		assertThat(notice.get("readAt").isNull()).isTrue();

		Mail mail = Mail.read(mailFile(notice.get("id").asText()));
		assertThat(mail.to()).isEqualTo(buyer.email());
		assertThat(mail.subject()).isEqualTo(notice.get("subject").asText());
		assertThat(mail.text()).isEqualTo(notice.get("body").asText().strip());
		assertThat(mail.html()).contains("Hello editor,").contains("href=\"" + notice.get("link").asText() + "\"");

		LoggedIn stranger = loggedIn("EDITOR");
		String id = notice.get("id").asText();
		assertThat(this.http.post("/api/v1/me/notifications/" + id + "/read", "")
			.token(stranger.accessToken())
			.send()
			.status()).isEqualTo(404);
		Http.Response read = this.http.post("/api/v1/me/notifications/" + id + "/read", "")
			.token(buyer.accessToken())
			.send();
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.json().get("readAt").isNull()).isFalse();
		assertThat(notifications(stranger)).isEmpty();
	}

	@Test
	void assigningATaskAndMentioningAMemberTellThemButMentioningAnOutsiderTellsNoOne() throws IOException {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		String project = this.http.post("/api/v1/projects", Map.of("name", "Notified project"))
			.token(owner.accessToken())
			.send()
			.text("id");
		assertThat(this.http.put("/api/v1/projects/" + project + "/members/" + member.id(), Map.of("role", "EDITOR"))
			.token(owner.accessToken())
			.send()
			.status()).isIn(200, 201, 204);
		String title = "Fix <b>the</b> & \"login\"";
		Http.Response created = this.http
			.post("/api/v1/projects/" + project + "/tasks", Map.of("title", title, "type", "TASK", "priority", "HIGH"))
			.token(owner.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String task = created.text("id");

		Http.Response assigned = this.http.patch("/api/v1/tasks/" + task, Map.of("assigneeId", member.id()))
			.token(owner.accessToken())
			.send();
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		JsonNode assignment = await().atMost(PATIENCE)
			.until(() -> only(member, "TASK_ASSIGNED"), (found) -> found != null);
		assertThat(assignment.get("subject").asText()).contains(title);
		assertThat(assignment.get("link").asText()).endsWith("/projects/" + project + "/tasks/" + task);
		String html = Mail.read(mailFile(assignment.get("id").asText())).html();
		assertThat(html).contains("Fix &lt;b&gt;the&lt;/b&gt; &amp; &quot;login&quot;").doesNotContain("<b>the</b>");

		Http.Response comment = this.http
			.post("/api/v1/tasks/" + task + "/comments",
					Map.of("body", "@" + member.email() + " and @" + outsider.email() + " please look"))
			.token(owner.accessToken())
			.send();
		assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
		JsonNode mention = await().atMost(PATIENCE).until(() -> only(member, "MENTIONED"), (found) -> found != null);
		assertThat(mention.get("body").asText()).contains("please look");
		assertThat(notifications(outsider)).isEmpty();
		assertThat(notifications(owner)).isEmpty();
	}

	@Test
	void aPasswordChangeIsTold() {
		LoggedIn user = loggedIn("EDITOR");
		Http.Response changed = this.http
			.put("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "another-long-passphrase-1"))
			.token(user.accessToken())
			.send();
		assertThat(changed.status()).as(changed.toString()).isIn(200, 204);
		LoggedIn again = login(new TestUser(user.id(), user.email()), "another-long-passphrase-1");
		JsonNode notice = await().atMost(PATIENCE)
			.until(() -> only(again, "PASSWORD_CHANGED"), (found) -> found != null);
		assertThat(notice.get("subject").asText()).isEqualTo("Your Fortress password was changed");
	}

	@Test
	void badPagingIsRefusedAndStrangersSeeNothing() {
		LoggedIn user = loggedIn("EDITOR");
		assertThat(this.http.get("/api/v1/me/notifications?limit=0").token(user.accessToken()).send().status())
			.isEqualTo(400);
		assertThat(this.http.get("/api/v1/me/notifications?cursor=!!!").token(user.accessToken()).send().status())
			.isEqualTo(400);
		assertThat(this.http.get("/api/v1/me/notifications").send().status()).isEqualTo(401);
		assertThat(
				this.http.post("/api/v1/me/notifications/not-an-id/read", "").token(user.accessToken()).send().status())
			.isEqualTo(400);
	}

	private JsonNode only(LoggedIn user, String kind) {
		List<JsonNode> matching = notifications(user).stream()
			.filter((item) -> kind.equals(item.get("kind").asText()))
			.toList();
		assertThat(matching).hasSizeLessThanOrEqualTo(1);
		return matching.isEmpty() ? null : matching.get(0);
	}

	private List<JsonNode> notifications(LoggedIn user) {
		Http.Response listed = this.http.get("/api/v1/me/notifications").token(user.accessToken()).send();
		assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
		return listed.json().get("items").valueStream().toList();
	}

	private Path mailFile(String notificationId) {
		Path file = this.fortress.dataDir().resolve("mail").resolve(notificationId + ".eml");
		assertThat(file).exists();
		return file;
	}

}
