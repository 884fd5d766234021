package dev.fortress.moderation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.fortress.chat.ChatTest;
import dev.fortress.knowledge.LanguageModel;
import dev.fortress.knowledge.LanguageModelUnavailable;
import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The language model's review of borderline text, with a test double for the model.
 * {@code grey-similarity} is set below any similarity so that every text the rules and
 * the semantic check pass is borderline here.
 */
@Import(ModerationLanguageModelIntegrationTests.Model.class)
@TestPropertySource(properties = "fortress.moderation.grey-similarity=-1")
class ModerationLanguageModelIntegrationTests extends ChatTest {

	@Autowired
	ScriptedModel model;

	@Autowired
	MeterRegistry meters;

	@Test
	void aPassedMessageTheModelFlagsIsHiddenAndQueuedAndOneItClearsStays() {
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn other = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		String channel = channel(author, "Reviewed", false);

		Http.Response flagged = post(author, channel, "Let us sync on the quarterly numbers " + ScriptedModel.FLAG);
		assertThat(flagged.status()).isEqualTo(201);
		assertThat(flagged.json().has("moderation")).isFalse();
		String cleared = posted(author, channel, "The release notes are in the wiki");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(texts(page(other, channel, "")))
				.containsExactly("The release notes are in the wiki"));
		assertThat(page(author, channel, "").get("items").get(1).get("moderation").asString()).isEqualTo("HELD");
		Http.Response queue = this.http.get("/api/v1/admin/moderation?limit=200").token(admin.accessToken()).send();
		assertThat(queue.json()
			.get("items")
			.valueStream()
			.filter(item -> item.get("sourceId").asString().equals(flagged.text("id")))
			.map(item -> item.get("reasons").get(0).asString())).containsExactly("llm:spam");
		assertThat(queue.toString()).doesNotContain(cleared);
		// the item was sent as data between delimiters it cannot close
		assertThat(this.model.prompts)
			.anySatisfy(prompt -> assertThat(prompt.user()).startsWith("<item type=\"message\">")
				.endsWith("</item>")
				.contains(ScriptedModel.FLAG));
	}

	@Test
	void anUnavailableModelChangesNothingAndIsCounted() {
		LoggedIn author = loggedIn("EDITOR");
		String channel = channel(author, "Unreviewed", false);
		double before = this.meters.counter("fortress.moderation.llm", "outcome", "unavailable").count();

		String id = posted(author, channel, "Please check the deploy " + ScriptedModel.FAIL);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.counter("fortress.moderation.llm", "outcome", "unavailable").count() > before);
		assertThat(page(author, channel, "").get("items").get(0).has("moderation")).isFalse();
		assertThat(this.jdbc.sql("select count(*) from moderation_items where source_id = :id")
			.param("id", UUID.fromString(id))
			.query(Long.class)
			.single()).isZero();
	}

	/** Flags texts with {@link #FLAG}, fails for {@link #FAIL}, clears the rest. */
	static class ScriptedModel implements LanguageModel {

		static final String FLAG = "[flag-me]";

		static final String FAIL = "[fail-me]";

		final List<Prompt> prompts = new CopyOnWriteArrayList<>();

		@Override
		public boolean configured() {
			return true;
		}

		@Override
		public Reply complete(@Nullable UUID user, String purpose, Prompt prompt) {
			assertThat(user).isNull();
			assertThat(purpose).isEqualTo("moderation");
			this.prompts.add(prompt);
			if (prompt.user().contains(FAIL)) {
				throw new LanguageModelUnavailable(LanguageModelUnavailable.Reason.FAILED, "scripted failure");
			}
			return new Reply(prompt.user().contains(FLAG) ? "FLAG spam" : "OK", 10, 2);
		}

		@Override
		public Reply stream(@Nullable UUID user, String purpose, Prompt prompt, Consumer<String> delta) {
			throw new AssertionError("moderation never streams");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Model {

		@Bean
		@Primary
		ScriptedModel scriptedModel() {
			return new ScriptedModel();
		}

	}

}
