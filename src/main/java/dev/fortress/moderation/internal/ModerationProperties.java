package dev.fortress.moderation.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the moderation module ({@code fortress.moderation}); docs/moderation.md
 * explains each rule and how the thresholds were chosen.
 *
 * @param maxLinks the most links a text may carry before it is held
 * @param deniedDomains hosts (and their subdomains) a link may not point to
 * @param spamPhrases phrases that hold a text wherever they appear (case-insensitive)
 * @param postsPerWindow how many items one author may submit per {@code postWindow}
 * before the next are held; counted in the platform's shared rate limiter
 * @param k how many nearest labelled examples vote
 * @param holdSimilarity the cosine similarity from which a neighbour's vote counts
 * @param greySimilarity the cosine similarity from which a flagged nearest neighbour
 * makes a passed text borderline, for the language model to review
 * @param llmMaxTokens the most the language model's verdict may use
 * @param enabled whether anything is screened at all; off, every item passes and nothing
 * is queued (for measuring what screening costs, or an emergency)
 */
@ConfigurationProperties("fortress.moderation")
record ModerationProperties(int maxLinks, List<String> deniedDomains, List<String> spamPhrases, long postsPerWindow,
		Duration postWindow, int k, double holdSimilarity, double greySimilarity, int llmMaxTokens,
		@DefaultValue("true") boolean enabled) {

	ModerationProperties {
		maxLinks = maxLinks <= 0 ? 3 : maxLinks;
		deniedDomains = deniedDomains == null ? List.of() : List.copyOf(deniedDomains);
		spamPhrases = spamPhrases == null ? List.of() : List.copyOf(spamPhrases);
		postsPerWindow = postsPerWindow <= 0 ? 20 : postsPerWindow;
		postWindow = postWindow == null ? Duration.ofMinutes(1) : postWindow;
		k = k <= 0 ? 5 : k;
		holdSimilarity = holdSimilarity == 0 ? 0.32 : holdSimilarity;
		greySimilarity = greySimilarity == 0 ? 0.4 : greySimilarity;
		llmMaxTokens = llmMaxTokens <= 0 ? 20 : llmMaxTokens;
	}

}
