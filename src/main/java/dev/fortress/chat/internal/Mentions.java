package dev.fortress.chat.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;

/**
 * Finds whom a message mentions: {@code @} followed by a reader's e-mail address (as
 * TaskForge's comments do) or by their display name with its spaces left out, matched
 * without regard to case. Only the channel's readers can be mentioned: anyone else's name
 * is just text, so a message can neither reach nor probe for people outside the channel.
 */
@Component
class Mentions {

	/** Not preceded by a word character, so an e-mail address in the text is not one. */
	private static final Pattern MENTION = Pattern
		.compile("(?<![\\w.+-])@([\\p{L}\\p{N}_%+.-]+(?:@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})?)");

	private final IdentityApi identity;

	Mentions(IdentityApi identity) {
		this.identity = identity;
	}

	/** The readers are only looked up when the text has a mention. */
	List<UUID> in(String text, Supplier<Set<UUID>> readers, UUID authorId) {
		Set<String> names = new HashSet<>();
		Matcher matcher = MENTION.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1).replaceAll("[.]+$", "").toLowerCase(Locale.ROOT));
		}
		if (names.isEmpty()) {
			return List.of();
		}
		return this.identity.findUsers(readers.get())
			.values()
			.stream()
			.filter((reader) -> !reader.id().equals(authorId))
			.filter((reader) -> names.contains(reader.email().toLowerCase(Locale.ROOT))
					|| names.contains(reader.displayName().replaceAll("\\s+", "").toLowerCase(Locale.ROOT)))
			.map(UserSummary::id)
			.sorted()
			.toList();
	}

}
