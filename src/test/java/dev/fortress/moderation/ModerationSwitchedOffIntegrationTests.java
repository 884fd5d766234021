package dev.fortress.moderation;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.fortress.chat.ChatTest;
import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fortress.moderation.enabled=false}: nothing is screened (what the benchmark
 * compares screening against), so a line every check holds is stored and shown like any
 * other, and nothing is queued.
 */
@TestPropertySource(properties = "fortress.moderation.enabled=false")
class ModerationSwitchedOffIntegrationTests extends ChatTest {

	@Test
	void withModerationOffSpamThatEveryCheckWouldHoldIsStoredVisibleAndNotQueued() {
		LoggedIn author = loggedIn("EDITOR");
		LoggedIn other = loggedIn("EDITOR");
		String channel = channel(author, "Unmoderated", false);
		// the semantic check's spam, a spam phrase, a denied domain and shouting at once
		String text = ModerationIntegrationTests.SPAM + ": FREE MONEY AT HTTPS://BIT.LY/EARN-PASSIVE-INCOME-NOW";

		Http.Response posted = post(author, channel, text);

		assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
		assertThat(posted.json().has("moderation")).isFalse();
		assertThat(texts(page(other, channel, ""))).containsExactly(text);
		assertThat(this.jdbc.sql("select count(*) from moderation_items where source_id = :id")
			.param("id", UUID.fromString(posted.text("id")))
			.query(Long.class)
			.single()).isZero();
	}

}
