package dev.fortress.chat.internal;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;

/**
 * The limits of a message's input, in one place for every way a message arrives (HTTP,
 * STOMP). Text is stored in {@code text} and {@code jsonb}, which cannot hold NUL.
 */
final class MessageRules {

	static final int MAX_TEXT = 4000;

	/** One emoji or a short name: no spaces or control characters. */
	private static final Pattern EMOJI = Pattern.compile("[^\\s\\p{Cntrl}]{1,32}");

	/** NUL cannot be stored; the others are not text (and mark search matches). */
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n\\r]]");

	private MessageRules() {
	}

	static String text(@Nullable String text) {
		if (text == null || text.isBlank()) {
			throw ApiException.invalid("text", "must not be blank");
		}
		if (text.length() > MAX_TEXT) {
			throw ApiException.invalid("text", "must be at most " + MAX_TEXT + " characters");
		}
		if (CONTROL.matcher(text).find()) {
			throw ApiException.invalid("text", "must not contain control characters other than tabs and line breaks");
		}
		return text.strip();
	}

	static List<UUID> attachments(@Nullable List<UUID> ids) {
		if (ids == null) {
			return List.of();
		}
		if (ids.size() > MessageAttachments.MAX || ids.contains(null) || new HashSet<>(ids).size() != ids.size()) {
			throw ApiException.invalid("attachmentIds",
					"must be at most " + MessageAttachments.MAX + " distinct file ids");
		}
		return List.copyOf(ids);
	}

	static String emoji(String emoji) {
		if (!EMOJI.matcher(emoji).matches()) {
			throw ApiException.invalid("emoji", "must be 1 to 32 characters without spaces");
		}
		return emoji;
	}

}
