package dev.fortress.knowledge.answers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Generated answers by what determines them: the normalised question, the model, the
 * scope asked for, and every source in the prompt by type, id and a digest of the text
 * the model read. A source whose text changes (a new version of a task, an edited
 * article) changes the key, so a stale answer is never served; nothing needs to be
 * invalidated. Since the key holds only sources the asker's own retrieval returned, an
 * answer is only ever served to someone who may read every source it was made from.
 * <p>
 * A bounded Caffeine cache in each instance's memory (metrics {@code cache.*} with
 * {@code cache=answers}): the platform's shared read cache loads through a loader, which
 * a streamed, quota-charged model call is not; with several instances, a question is
 * generated at most once per instance.
 */
final class AnswerCache {

	private final Cache<String, Answer> answers;

	AnswerCache(AnswerProperties properties, MeterRegistry meters) {
		this.answers = Caffeine.newBuilder()
			.maximumSize(properties.cacheSize())
			.expireAfterWrite(properties.cacheTtl())
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(meters, this.answers, "answers");
	}

	Optional<Answer> find(String key) {
		return Optional.ofNullable(this.answers.getIfPresent(key));
	}

	void put(String key, Answer answer) {
		this.answers.put(key, answer);
	}

	static String key(Question question, String model, GroundedPrompt prompt) {
		MessageDigest digest = sha256();
		update(digest, question.normalised());
		update(digest, model);
		update(digest, question.scopeKey());
		for (GroundedPrompt.Source source : prompt.sources()) {
			update(digest, source.passage().type() + ":" + source.passage().id());
			update(digest, source.passage().title());
			update(digest, source.text());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Each part length-prefixed, so no two different part lists give the same bytes. */
	private static void update(MessageDigest digest, String part) {
		byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
		digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
		digest.update(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
