package dev.fortress.moderation.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fortress.platform.moderation.Submission;
import dev.fortress.platform.ratelimit.RateLimitPolicy;
import dev.fortress.platform.ratelimit.RateLimiter;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast rules: links, spam patterns and the posting rate. */
class TextRulesTests {

	private static final ModerationProperties PROPERTIES = new ModerationProperties(2,
			List.of("bit.ly", "spam.example"), List.of("free money", "Limited Time Offer"), 3, Duration.ofMinutes(1), 5,
			0.3, 0.4, 20, true);

	private final TextRules rules = new TextRules(PROPERTIES);

	@Test
	void moreLinksThanAllowedOrOneToADeniedDomainAreHeld() {
		assertThat(this.rules.broken("see https://docs.example.com/a and https://docs.example.com/b")).isEmpty();
		assertThat(this.rules.broken("https://a.example https://b.example www.c.example"))
			.containsExactly("links:too-many");
		assertThat(this.rules.broken("details at https://bit.ly/3xYz")).containsExactly("links:denied-domain");
		assertThat(this.rules.broken("details at www.promo.spam.example/now")).containsExactly("links:denied-domain");
		// a host that merely ends in the same letters is not the denied domain
		assertThat(this.rules.broken("details at https://notbit.ly/3xYz")).isEmpty();
	}

	@Test
	void repeatedLettersAndWordsShoutingAndKnownPhrasesAreSpam() {
		assertThat(this.rules.broken("heeeeeeeeey look at this")).containsExactly("spam:repeated-characters");
		assertThat(this.rules.broken("buy buy buy buy now")).containsExactly("spam:repeated-words");
		assertThat(this.rules.broken("THIS IS THE BEST DEAL YOU WILL EVER SEE")).containsExactly("spam:shouting");
		assertThat(this.rules.broken("Get FREE MONEY today")).containsExactly("spam:phrase");
		assertThat(this.rules.broken("a limited time offer for you")).containsExactly("spam:phrase");
	}

	@Test
	void ordinaryWorkTextBreaksNoRule() {
		for (String text : List.of("teh plan", "The API returns 404 for an unknown id (see RFC 9457)", "LGTM, merging",
				"Deploy to EU-WEST-1 at 14:00 UTC", "The build is green again, thanks Ann!",
				"## Setup\n\n-----------\n\n1. Run `./mvnw verify`\n2. Open http://localhost:8080", "ok ok, I get it",
				"NASA and ESA data in the CSV")) {
			assertThat(this.rules.broken(text)).as(text).isEmpty();
		}
	}

	@Test
	void anAuthorOverTheirRateIsHeldAndOthersAreNot() {
		PostingRate rate = new PostingRate(new CountingLimiter(), PROPERTIES);
		UUID fast = UUID.randomUUID();
		UUID other = UUID.randomUUID();

		assertThat(List.of(rate.allowed(message(fast)), rate.allowed(comment(fast)), rate.allowed(message(fast)),
				rate.allowed(message(fast))))
			.containsExactly(true, true, true, false);
		assertThat(rate.allowed(message(other))).isTrue();
	}

	@Test
	void articlesAreNotCountedSoAnImportIsNotHeldForItsPace() {
		PostingRate rate = new PostingRate(new CountingLimiter(), PROPERTIES);
		UUID writer = UUID.randomUUID();

		for (int i = 0; i < 10; i++) {
			assertThat(rate.allowed(new Submission("article", UUID.randomUUID(), writer, "Chapter " + i))).isTrue();
		}
		assertThat(rate.allowed(message(writer))).isTrue();
	}

	private static Submission message(UUID author) {
		return new Submission("message", UUID.randomUUID(), author, "hello");
	}

	private static Submission comment(UUID author) {
		return new Submission("comment", UUID.randomUUID(), author, "looks good");
	}

	/** A bucket per key that does not refill: the window is longer than the test. */
	private static final class CountingLimiter implements RateLimiter {

		private final Map<String, Long> taken = new HashMap<>();

		@Override
		public Decision tryConsume(String key, RateLimitPolicy policy) {
			long count = this.taken.merge(key, 1L, Long::sum);
			return new Decision(count <= policy.capacity(), Math.max(0, policy.capacity() - count), Duration.ZERO);
		}

		@Override
		public boolean isExhausted(String key, RateLimitPolicy policy) {
			return this.taken.getOrDefault(key, 0L) >= policy.capacity();
		}

	}

}
