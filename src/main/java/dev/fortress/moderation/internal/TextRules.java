package dev.fortress.moderation.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fast rules, on the text alone: links (too many, or to a denied domain), spam
 * patterns (a letter or a word repeated over and over, a text in capitals, a known spam
 * phrase). Each broken rule is one reason, named {@code links:…} or {@code spam:…}. The
 * patterns are deliberately blunt: they hold only what ordinary work text never looks
 * like, and the language model looks at the borderline rest.
 */
final class TextRules {

	private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>()\"']+");

	/** One letter eight or more times in a row ("heeeeeeeey" does not need more). */
	private static final Pattern REPEATED_LETTER = Pattern.compile("(\\p{L})\\1{7,}");

	/** One word four or more times in a row. */
	private static final Pattern REPEATED_WORD = Pattern.compile("(?iu)\\b(\\p{L}{2,})\\b(?:[\\s,.!]+\\1\\b){3,}");

	/** Below this many letters, capitals are an acronym or a heading, not shouting. */
	private static final int SHOUTING_MIN_LETTERS = 20;

	private static final double SHOUTING_SHARE = 0.8;

	private final ModerationProperties properties;

	TextRules(ModerationProperties properties) {
		this.properties = properties;
	}

	/** The rules the text breaks, empty if none. */
	List<String> broken(String text) {
		List<String> reasons = new ArrayList<>(2);
		links(text, reasons);
		if (REPEATED_LETTER.matcher(text).find()) {
			reasons.add("spam:repeated-characters");
		}
		if (REPEATED_WORD.matcher(text).find()) {
			reasons.add("spam:repeated-words");
		}
		if (shouting(text)) {
			reasons.add("spam:shouting");
		}
		String lower = text.toLowerCase(Locale.ROOT);
		if (this.properties.spamPhrases()
			.stream()
			.anyMatch(phrase -> lower.contains(phrase.toLowerCase(Locale.ROOT)))) {
			reasons.add("spam:phrase");
		}
		return reasons;
	}

	private void links(String text, List<String> reasons) {
		Matcher matcher = LINK.matcher(text);
		int count = 0;
		boolean denied = false;
		while (matcher.find()) {
			count++;
			denied |= denied(host(matcher.group()));
		}
		if (count > this.properties.maxLinks()) {
			reasons.add("links:too-many");
		}
		if (denied) {
			reasons.add("links:denied-domain");
		}
	}

	private boolean denied(String host) {
		return this.properties.deniedDomains()
			.stream()
			.map(domain -> domain.toLowerCase(Locale.ROOT))
			.anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain));
	}

	/** The link's host in lower case, or "" when it does not parse as one. */
	static String host(String link) {
		String absolute = link.regionMatches(true, 0, "www.", 0, 4) ? "http://" + link : link;
		try {
			String host = URI.create(absolute).getHost();
			return host == null ? "" : host.toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private static boolean shouting(String text) {
		int letters = 0;
		int upper = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLetter(c)) {
				letters++;
				if (Character.isUpperCase(c)) {
					upper++;
				}
			}
		}
		return letters >= SHOUTING_MIN_LETTERS && upper >= letters * SHOUTING_SHARE;
	}

}
