package dev.fortress.webapp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.fortress.platform.events.DeadLetterProbe;
import dev.fortress.support.Browser;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web app in a real headless Chromium against the running server: what people do, end
 * to end, with each main page checked by axe-core, screenshotted to
 * {@code target/screenshots}, and free of Content-Security-Policy refusals.
 */
class WebAppBrowserTests extends IntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@Autowired
	ApplicationContext context;

	@Test
	void aTeamLeadSignsUpPlansWorkAndASecondBrowserSeesTheBoardMove() {
		String email = uniqueEmail("lead");
		TestUser colleague = newUser("colleague");
		try (Browser lead = Browser.open(this.port); Browser other = Browser.open(this.port, 400)) {
			lead.go("/signup");
			lead.assertAccessible();
			lead.type("input[name=displayName]", "Lead");
			lead.type("input[name=email]", email);
			lead.type("input[name=password]", PASSWORD);
			lead.find("form button[type=submit]").click();
			lead.find("#signout");

			lead.type("#new-project input[name=name]", "Launch");
			lead.find("#new-project button[type=submit]").click();
			lead.find("ul.cards a").click();
			lead.find("#new-task");
			String projectId = lead.driver().getCurrentUrl().replaceAll(".*/projects/", "");
			for (String title : List.of("Write the brief", "Book the venue", "Print the flyers")) {
				lead.type("#new-task input[name=title]", title);
				lead.find("#new-task button[type=submit]").click();
				lead.waitForText("#board", title);
			}
			LoggedIn leadApi = login(new TestUser(null, email));
			assertThat(this.http
				.put("/api/v1/projects/" + projectId + "/members/" + colleague.id(), Map.of("role", "EDITOR"))
				.token(leadApi.accessToken())
				.send()
				.status()).isEqualTo(200);

			other.signIn(colleague.email(), PASSWORD).go("/projects/" + projectId);
			other.waitForText("#board", "Print the flyers");

			// Drag "Write the brief" to DONE: HTML5 drag and drop, the events a real drag
			// fires
			// (found and dragged in one script: the board may be redrawn by its poll
			// meanwhile).
			String taskId = (String) lead.script(
					"""
							const card = [...document.querySelectorAll('li.task')].find(li => li.textContent.includes(arguments[0]));
							const column = document.querySelector('section.column[data-status=DONE]');
							const data = new DataTransfer();
							card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
							column.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
							column.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
							return card.dataset.id;
							""",
					"Write the brief");
			lead.waitForText("section.column[data-status=DONE]", "Write the brief");
			assertThat(task(leadApi, taskId).get("status").asText()).isEqualTo("DONE");
			// The second browser follows without a reload: today by polling, and through
			// the
			// project's WebSocket topic once the realtime transport serves /ws (live.js).
			other.waitForText("section.column[data-status=DONE]", "Write the brief");
			other.screenshot("board-phone");

			// A stale board: someone renamed the task since the board was drawn. The
			// keyboard
			// alternative (the status list) sends the stale version and is told so
			// plainly.
			// The live topic would redraw the board at once; the lead's page is made to
			// lag
			// behind the rename, as a slow socket would.
			String stale = await().ignoreExceptions()
				.until(() -> card(lead, "Book the venue").getDomAttribute("data-id"), (id) -> id != null);
			lead.script("window.fortress.faults.holdLive = true");
			assertThat(this.http.patch("/api/v1/tasks/" + stale, Map.of("title", "Book the big venue"))
				.token(leadApi.accessToken())
				.send()
				.status()).isEqualTo(200);
			await().ignoreExceptions()
				.untilAsserted(() -> new Select(card(lead, "Book the venue").findElement(By.cssSelector("select")))
					.selectByValue("BLOCKED"));
			lead.waitForText("#main p.msg.error", "Someone else changed");
			lead.script("window.fortress.faults.holdLive = false");
			lead.waitForText("#board", "Book the big venue");
			assertThat(task(leadApi, stale).get("status").asText()).isEqualTo("TODO");
			lead.assertAccessible();
			lead.screenshot("board");

			// A reload keeps the session: the HttpOnly, Secure, SameSite=Strict refresh
			// cookie is accepted by Chromium on http://localhost and renews the access
			// token.
			lead.driver().navigate().refresh();
			lead.find("#signout");
			lead.waitForText("#board", "Write the brief");

			lead.go("/account");
			lead.find("#user-id");
			lead.assertAccessible();

			lead.go("/tasks/" + taskId);
			lead.waitForText("ol.history", "v2 UPDATED");
			lead.assertAccessible();
			lead.screenshot("task");

			lead.go("/projects/" + projectId);
			lead.find("#report summary").click();
			lead.script("arguments[0].scrollIntoView()", lead.find("#report svg.chart"));
			lead.screenshot("report");
			lead.find("#exports summary").click();
			lead.find("#exports button[type=submit]").click();
			lead.waitForText("#exports", "Download tasks.csv");
			assertThat(lead.find("#exports progress").getDomProperty("value")).isEqualTo("100");
			other.assertAccessible();
			// A project the colleague may not see reads as missing, and the page says so.
			other.go("/projects/" + UUID.randomUUID());
			other.waitForText("main h1", "Not found");
			assertThat(lead.cspViolations()).isEmpty();
			assertThat(other.cspViolations()).isEmpty();

			// Changing the password ends every session; the page signs in again with the
			// new one.
			lead.go("/account");
			lead.type("input[name=currentPassword]", PASSWORD);
			lead.type("input[name=newPassword]", "a-brand-new-passphrase");
			lead.find("form button[type=submit]").click();
			lead.waitForText("#flash", "Password changed");
			assertThat(this.http.post("/api/v1/auth/refresh", Map.of("refreshToken", leadApi.refreshToken()))
				.send()
				.status()).as("the other session ended").isEqualTo(401);
			lead.driver().navigate().refresh();
			lead.find("#signout");

			// Signing out ends the session on the server and clears the cookie: a reload
			// stays signed out.
			lead.find("#signout").click();
			lead.find("a[href='/signup']");
			lead.go("/projects");
			lead.find("input[name=password]");
			assertThat(lead.driver().getCurrentUrl()).contains("/signin");
		}
	}

	@Test
	void twoBuyersPressBuyForTheLastUnitAtOnceAndOneSeesSoldOut() {
		String drop = drop(1, 1);
		TestUser first = newUser("buyer");
		TestUser second = newUser("buyer");
		try (Browser a = Browser.open(this.port); Browser b = Browser.open(this.port)) {
			a.signIn(first.email(), PASSWORD).go("/drops/" + drop);
			b.signIn(second.email(), PASSWORD).go("/drops/" + drop);
			a.waitForText("#available", "1 of 1 left");
			b.waitForText("#available", "1 of 1 left");
			a.assertAccessible();

			WebElement buyA = a.find("#buy");
			WebElement buyB = b.find("#buy");
			CompletableFuture<Void> clickA = CompletableFuture.runAsync(buyA::click);
			buyB.click();
			clickA.join();

			Set<String> states = Set.of(outcome(a), outcome(b));
			assertThat(states).containsExactlyInAnyOrder("bought", "sold-out");
			Browser loser = "sold-out".equals(outcome(a)) ? a : b;
			loser.waitForText("#buy-result", "Sold out");
			// The counter follows the sale (the SSE stream, or a poll while it is
			// absent).
			a.waitForText("#available", "0 of 1 left");
			b.waitForText("#available", "0 of 1 left");
			loser.screenshot("drop-sold-out");
			assertThat(loser.find("#buy").isEnabled()).as("nothing left to buy").isFalse();

			// A drop that has not started counts down and cannot be bought yet.
			a.go("/drops/" + drop(1, 1, Instant.now().plus(Duration.ofHours(2))));
			a.waitForText("#countdown", "Starts in 01:59:");
			assertThat(a.find("#buy").isEnabled()).isFalse();
			a.screenshot("drop");
			assertThat(a.cspViolations()).isEmpty();
		}
	}

	/**
	 * The answer to a Buy is lost on its way back (the app's fetch wrapper throws it away
	 * after the server handled the request, as a dropped connection would): the page says
	 * "try again", and the retry, with the same Idempotency-Key, shows the same order.
	 */
	@Test
	void aBuyRetriedAfterItsAnswerWasLostShowsTheSameOrder() {
		String drop = drop(5, 2);
		TestUser buyer = newUser("buyer");
		String token = login(buyer).accessToken();
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(buyer.email(), PASSWORD).go("/drops/" + drop);
			browser.waitForText("#available", "5 of 5 left");
			browser.script("window.fortress.faults.dropResponseOf = '/api/v1/orders'");
			browser.find("#buy").click();
			await().atMost(PATIENCE).until(() -> "retry".equals(outcome(browser)));
			browser.waitForText("#buy", "Try again");
			JsonNode orders = orders(token);
			assertThat(orders).as("the lost answer's order exists").hasSize(1);
			String orderId = orders.get(0).get("id").asText();

			browser.find("#buy").click();
			await().atMost(PATIENCE).until(() -> "bought".equals(outcome(browser)));
			assertThat(browser.find("#buy-result").getDomAttribute("data-order-id")).isEqualTo(orderId);
			assertThat(orders(token)).as("the retry bought nothing more").hasSize(1);

			browser.go("/orders");
			browser.waitForText("table.orders", "PAID");
			browser.assertAccessible();
			browser.screenshot("orders");
			browser.find("tr[data-id='" + orderId + "'] button").click();
			browser.waitForText("tr[data-id='" + orderId + "']", "CANCELLED");

			// A declined card says so, and a new intent may follow at once.
			browser.go("/drops/" + drop);
			new Select(browser.find("select[name=card]")).selectByValue("tok_declined");
			browser.find("#buy").click();
			await().atMost(PATIENCE).until(() -> "declined".equals(outcome(browser)));
			browser.waitForText("#buy-result", "declined; nothing was charged");
			assertThat(browser.find("#buy").getText()).isEqualTo("Buy");
			assertThat(browser.cspViolations()).isEmpty();
		}
	}

	@Test
	void theOperatorReplaysADeadLetterFromTheConsole() {
		DeadLetterProbe probe = new DeadLetterProbe(this.context);
		UUID key = probe.poison();
		LoggedIn admin = loggedIn("ADMIN");
		String letter = await().atMost(PATIENCE).until(() -> deadLetter(admin.accessToken(), key), (id) -> id != null);
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(admin.email(), PASSWORD).go("/admin");
			browser.waitForText("#stat-pool", "of");
			browser.assertAccessible();
			browser.screenshot("console-health");

			browser.go("/admin/dead-letters");
			WebElement row = browser.find("tr[data-id='" + letter + "']");
			browser.assertAccessible();
			browser.screenshot("console-dead-letters");
			probe.cure(key);
			row.findElement(By.cssSelector("button.replay")).click();
			browser.waitForText("#dlq-message", "Replayed.");
			await().atMost(PATIENCE).until(() -> probe.effects(key) == 1);

			// Schedule a drop from the console and watch it.
			String sku = new Shop(this.http, admin.accessToken()).product(10);
			browser.go("/admin/drops");
			browser.type("#new-drop input[name=sku]", sku);
			browser.find("#new-drop button[type=submit]").click();
			String dropId = browser.find("#drop-created a").getText().replace("drop page ", "");
			browser.type("#watch-drop input[name=id]", dropId);
			browser.find("#watch-drop button[type=submit]").click();
			browser.waitForText("#watched", "SCHEDULED");
			browser.waitForText("#watched", "10 of 10");
			browser.assertAccessible();
			browser.screenshot("console-drops");

			browser.go("/admin/audit");
			browser.waitForText("table", "/api/v1/admin/dead-letters/" + letter + "/replay");
			browser.go("/admin/users");
			browser.waitForText("table", admin.email());
			browser.assertAccessible();
			browser.go("/catalog");
			browser.find("ul.products");
			browser.assertAccessible();
			browser.screenshot("catalog");
			assertThat(browser.cspViolations()).isEmpty();
		}
	}

	@Test
	void twoPeopleTalkInAChannelAndAThread() {
		TestUser ana = newUser("ana");
		TestUser bo = newUser("bo");
		String channel = "general-" + UUID.randomUUID().toString().substring(0, 6);
		try (Browser a = Browser.open(this.port); Browser b = Browser.open(this.port)) {
			a.signIn(ana.email(), PASSWORD).go("/chat");
			a.type("#new-channel input[name=name]", channel);
			a.find("#new-channel button[type=submit]").click();
			a.type("#compose textarea[name=text]", "Hello team");
			a.find("#compose button[type=submit]").click();
			a.waitForText("#messages", "Hello team");

			// The other person sees the public channel with one unread message, joins and
			// answers.
			b.signIn(bo.email(), PASSWORD).go("/chat");
			b.waitForText("#channels", channel);
			await().atMost(PATIENCE)
				.ignoreExceptions()
				.until(() -> b.all("#channels a")
					.stream()
					.filter((link) -> link.getText().contains(channel))
					.findFirst()
					.orElseThrow()
					.findElement(By.cssSelector(".badge"))
					.getText()
					.split("\\s")[0], "1"::equals);
			b.all("#channels a")
				.stream()
				.filter((link) -> link.getText().contains(channel))
				.findFirst()
				.orElseThrow()
				.click();
			b.waitForText("#messages", "Hello team");
			b.find("#join").click();
			b.type("#compose textarea[name=text]", "Hi Ana");
			b.find("#compose button[type=submit]").click();
			// Ana's page follows the channel (its WebSocket topic, or a poll while there
			// is none).
			a.waitForText("#messages", "Hi Ana");

			a.find("#messages li button.link").click();
			a.waitForText("#messages h2", "Thread");
			a.type("#compose textarea[name=text]", "A reply in the thread");
			a.find("#compose button[type=submit]").click();
			a.waitForText("#messages", "A reply in the thread");
			a.assertAccessible();
			a.screenshot("chat");
			assertThat(a.cspViolations()).isEmpty();
			assertThat(b.cspViolations()).isEmpty();
		}
	}

	/**
	 * The knowledge pages: an author writes an article (a field error first), has it
	 * rendered by the server, takes it through review to published, looks at its
	 * versions, then finds it with the header's search box once it is indexed and opens
	 * it from the result. Snippets and bodies that hold markup are shown as text.
	 */
	@Test
	void anAuthorPublishesAnArticleAndFindsItThroughSearch() {
		TestUser author = newUser("author");
		LoggedIn authorApi = login(author);
		String project = newProject(authorApi, "Handbook");
		String title = "Onboarding the narwhal crew";
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(author.email(), PASSWORD).go("/articles");
			browser.find("#new-article").click();
			browser.find("#article-form");
			browser.assertAccessible();
			browser.find("#article-form button[type=submit]").click();
			browser.waitForText("#article-form .field-error", "must not be blank");
			assertThat(browser.find("#article-form input[name=title]").getDomAttribute("aria-invalid"))
				.isEqualTo("true");

			browser.type("#article-form input[name=title]", title);
			new Select(browser.find("#article-form select[name=projectId]")).selectByValue(project);
			browser.type("#article-form input[name=tags]", "onboarding, Crew");
			browser.type("#article-form textarea[name=body]",
					"The **narwhal** crew starts on Monday with a tour of the harbour. <script>alert(1)</script>");
			browser.find("#article-form button[type=submit]").click();
			browser.waitForText("#article-status", "Draft");
			String id = browser.driver().getCurrentUrl().replaceAll(".*/articles/", "");
			assertThat(browser.find("#article-body strong").getText()).isEqualTo("narwhal");
			assertThat(browser.find("#article-body").getText()).contains("<script>alert(1)</script>");
			assertThat(browser.all("#article-body script")).isEmpty();

			browser.type("#article-edit textarea[name=body]",
					"The **narwhal** crew starts on Monday with a tour of the harbour.\n\nBring boots.");
			browser.find("#article-edit button[type=submit]").click();
			browser.waitForText("#article-message", "Saved as version 2");
			browser.find("#article-actions button[data-status=REVIEW]").click();
			browser.waitForText("#article-status", "In review");
			// The author owns the project, so publishes it too.
			browser.find("#article-actions button[data-status=PUBLISHED]").click();
			browser.waitForText("#article-status", "Published");
			browser.find("#versions summary").click();
			browser.waitForText("#versions li[data-version='2']", "+ Bring boots.");
			browser.assertAccessible();
			browser.screenshot("article");
			browser.find("#versions li[data-version='1'] button").click();
			browser.waitForText("#article-message", "Saved as version 5");
			assertThat(browser.find("#article-body").getText()).doesNotContain("Bring boots");

			// Ingestion is asynchronous: wait until the API finds it, then search in the
			// page.
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.http.get("/api/v1/search?q=narwhal+crew+harbour&types=article")
					.token(authorApi.accessToken())
					.send()
					.body()
					.contains(id));
			browser.type("#site-q", "narwhal crew harbour");
			// Enter submits the header's search box: it has one field and no submit
			// button.
			browser.find("#site-q").sendKeys(Keys.ENTER);
			WebElement result = browser.find("#results li[data-id='" + id + "']");
			assertThat(result.getText()).contains(title);
			assertThat(result.getDomAttribute("data-type")).isEqualTo("article");
			assertThat(result.findElement(By.cssSelector(".snippet")).getText()).contains("<script>alert(1)</script>");
			assertThat(browser.all("#results script")).isEmpty();
			browser.assertAccessible();
			browser.screenshot("search");

			// A type chip narrows the search and is kept in the address; back undoes it.
			browser.find("#search-form input[value=task]").click();
			browser.waitForText("#search-status", "Nothing found");
			assertThat(browser.driver().getCurrentUrl()).contains("types=task");
			browser.driver().navigate().back();
			browser.find("#results li[data-id='" + id + "'] a").click();
			browser.waitForText("main h1", title);
			assertThat(browser.driver().getCurrentUrl()).endsWith("/articles/" + id);

			browser.go("/articles?status=PUBLISHED&tag=crew");
			browser.waitForText("table.articles", title);
			browser.assertAccessible();
			assertThat(browser.cspViolations()).isEmpty();
		}
	}

	/**
	 * A task's page lists what is close to it in meaning; the ask page's event-stream
	 * parser is checked in the same browser (its module, as the page loads it).
	 */
	@Test
	@SuppressWarnings("unchecked")
	void aTaskPageListsASimilarTaskAsRelated() {
		TestUser member = newUser("member");
		LoggedIn memberApi = login(member);
		String project = newProject(memberApi, "Shop");
		String crash = newTask(memberApi, project, "Checkout page crashes when the cart is empty");
		String similar = newTask(memberApi, project, "An empty cart makes the checkout page crash");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("/api/v1/tasks/" + crash + "/related")
				.token(memberApi.accessToken())
				.send()
				.body()
				.contains(similar));
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(member.email(), PASSWORD).go("/tasks/" + crash);
			browser.waitForText("#related", "An empty cart makes the checkout page crash");
			browser.assertAccessible();
			browser.script("arguments[0].scrollIntoView()", browser.find("#related"));
			browser.screenshot("task-related");
			browser.find("#related li[data-id='" + similar + "'] a").click();
			browser.waitForText("main h1", "An empty cart makes the checkout page crash");

			Map<String, Object> parsed = (Map<String, Object>) browser.driver()
				.executeAsyncScript(
						"""
								const done = arguments[arguments.length - 1];
								import('/assets/js/sse.js').then(sse => {
								  const frames = [];
								  const p = sse.parser(frame => frames.push(frame));
								  // chunks cut anywhere: inside a field, between \\r and \\n, mid-frame
								  for (const chunk of [': keep-alive\\n\\nevent: del', 'ta\\ndata: "Hel', 'lo"\\r', '\\n\\r\\n',
								      'event: delta\\ndata: {"text": " world"}\\n\\n', 'data: a\\ndata:b\\n\\n',
								      'event: done\\ndata: {"answer": "x [1]",\\ndata:  "generated": false}\\n\\nevent: delta\\ndata: "cut']) {
								    p.push(chunk);
								  }
								  p.end();
								  done({frames, deltas: frames.filter(f => f.event === 'delta').map(f => sse.deltaText(f.data)),
								    done: JSON.parse(frames.find(f => f.event === 'done').data)});
								}, error => done({error: String(error)}));
								""");
			assertThat(parsed).doesNotContainKey("error");
			assertThat((List<Object>) parsed.get("deltas")).containsExactly("Hello", " world");
			assertThat((List<Object>) parsed.get("frames")).hasSize(4)
				.element(2)
				.isEqualTo(Map.of("event", "message", "data", "a\nb"));
			assertThat(parsed.get("done")).isEqualTo(Map.of("answer", "x [1]", "generated", false));

			assertThat(browser.cspViolations()).isEmpty();
			// The article's html is sanitised by the server; html.js checks it again
			// before it enters the page (and the CSP blocks what it parses, a third
			// wall).
			Object cleaned = browser.driver()
				.executeAsyncScript(
						"""
								const done = arguments[arguments.length - 1];
								import('/assets/js/html.js').then(html => {
								  const box = document.createElement('div');
								  box.append(html.fragment('<p onclick="x()" style="color:red">Hi <em>there</em><script>alert(1)</script>'
								    + '<a href="javascript:alert(1)">bad</a> <a href="/tasks/1" target="_blank">ok</a>'
								    + '<img src="/x.png" onerror="alert(1)"><iframe src="/"></iframe><custom>kept</custom></p>'));
								  done(box.innerHTML);
								}, error => done(String(error)));
								""");
			assertThat(cleaned)
				.isEqualTo("<p>Hi <em>there</em><a>bad</a> <a href=\"/tasks/1\">ok</a><img src=\"/x.png\">kept</p>");
			assertThat(browser.cspViolations()).allMatch((refusal) -> refusal.contains("/assets/js/html.js"));
		}
	}

	@Test
	void aMemberAsksAQuestionAndFollowsTheAnswersSourceToTheTask() {
		TestUser member = newUser("asker");
		LoggedIn memberApi = login(member);
		String project = newProject(memberApi, "Operations");
		String task = newTask(memberApi, project, "Rotate the staging database password every quarter");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("/api/v1/search?types=task&q=staging+database+password")
				.token(memberApi.accessToken())
				.send()
				.body()
				.contains(task));
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(member.email(), PASSWORD).go("/ask");
			browser.type("#ask-form textarea[name=question]", "How often is the staging database password rotated?");
			browser.find("#ask-form button[type=submit]").click();

			// no model is configured in the tests: the answer is the passages, and says
			// so
			browser.waitForText("#not-generated", "Generation is off");
			browser.waitForText("#citations", "Rotate the staging database password every quarter");
			browser.assertAccessible();
			browser.screenshot("ask-extractive");
			browser.find("#answer-text a.cite[href='/tasks/" + task + "']").click();
			browser.waitForText("main h1", "Rotate the staging database password every quarter");
			assertThat(browser.cspViolations()).isEmpty();
		}
	}

	@Test
	void aModeratorApprovesAHeldMessageFromTheConsole() {
		LoggedIn author = loggedIn("EDITOR");
		Http.Response channel = this.http.post("/api/v1/channels", Map.of("name", "giveaways"))
			.token(author.accessToken())
			.send();
		assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
		Http.Response held = this.http
			.post("/api/v1/channels/" + channel.text("id") + "/messages",
					Map.of("text", "Crypto giveaway for the whole team, details at the desk"))
			.token(author.accessToken())
			.send();
		assertThat(held.status()).as(held.toString()).isEqualTo(201);
		assertThat(held.text("moderation")).isEqualTo("HELD");
		LoggedIn admin = loggedIn("ADMIN");
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(admin.email(), PASSWORD).go("/admin/moderation");
			WebElement row = browser.waitForText("table.moderation", "Crypto giveaway for the whole team")
				.findElement(By.xpath(".//tr[contains(., 'Crypto giveaway for the whole team')]"));
			browser.assertAccessible();
			browser.screenshot("console-moderation");
			row.findElement(By.cssSelector("button.approve")).click();
			browser.waitForText("#moderation-message", "Approved.");
			assertThat(browser.find("table.moderation").getText()).doesNotContain("Crypto giveaway for the whole team");
			assertThat(browser.cspViolations()).isEmpty();
		}
		Http.Response approved = this.http.get("/api/v1/messages/" + held.text("id"))
			.token(author.accessToken())
			.send();
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().has("moderation")).isFalse();
	}

	private String newProject(LoggedIn user, String name) {
		Http.Response created = this.http.post("/api/v1/projects", Map.of("name", name))
			.token(user.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.text("id");
	}

	private String newTask(LoggedIn user, String project, String title) {
		Http.Response created = this.http
			.post("/api/v1/projects/" + project + "/tasks",
					Map.of("title", title, "type", "BUG", "priority", "HIGH", "severity", "MAJOR"))
			.token(user.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.text("id");
	}

	private static WebElement card(Browser browser, String title) {
		return browser.all("li.task")
			.stream()
			.filter((element) -> element.getText().contains(title))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no card " + title));
	}

	private JsonNode task(LoggedIn user, String id) {
		return this.http.get("/api/v1/tasks/" + id).token(user.accessToken()).send().json();
	}

	/**
	 * A live drop of a fresh product: {@code units} for sale, {@code limit} per customer.
	 */
	private String drop(int units, int limit) {
		return drop(units, limit, Instant.now().minusSeconds(60));
	}

	private String drop(int units, int limit, Instant startsAt) {
		String admin = loggedIn("ADMIN").accessToken();
		String sku = new Shop(this.http, admin).product(10);
		Http.Response created = this.http
			.post("/api/v1/drops",
					Map.of("sku", sku, "quantity", units, "perCustomerLimit", limit, "startsAt", startsAt.toString()))
			.token(admin)
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.text("id");
	}

	private static String outcome(Browser browser) {
		return await().atMost(PATIENCE)
			.until(() -> browser.find("#buy-result").getDomAttribute("data-state"), (state) -> state != null);
	}

	private JsonNode orders(String token) {
		return this.http.get("/api/v1/orders").token(token).send().json().get("items");
	}

	private String deadLetter(String admin, UUID key) {
		for (JsonNode item : this.http.get("/api/v1/admin/dead-letters?limit=200")
			.token(admin)
			.send()
			.json()
			.get("items")) {
			if (item.get("payload").path("key").asText("").equals(key.toString())) {
				return item.get("id").asText();
			}
		}
		return null;
	}

}
