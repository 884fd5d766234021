package dev.fortress.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FirewallCharacters} allows exactly what {@code StrictHttpFirewall}'s default
 * patterns allow, on every code point, alone and between printable ASCII, and on lone and
 * paired surrogates.
 */
class FirewallCharactersTests {

	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void namesFollowTheFirewallsDefaultPattern() {
		assertThat(differences(NAMES, FirewallCharacters::assignedNotControl)).isEmpty();
	}

	@Test
	void valuesFollowTheFirewallsDefaultPattern() {
		assertThat(differences(VALUES, FirewallCharacters::headerValue)).isEmpty();
	}

	@Test
	void controlCharactersAreRefusedAndATabOnlyInValues() {
		assertThat(FirewallCharacters.headerValue("Bearer abc.def-ghi_jkl")).isTrue();
		assertThat(FirewallCharacters.headerValue("a\tb")).isTrue();
		assertThat(FirewallCharacters.assignedNotControl("a\tb")).isFalse();
		assertThat(FirewallCharacters.headerValue("a\nb")).isFalse();
		assertThat(FirewallCharacters.headerValue("a\u0085b")).isFalse();
		assertThat(FirewallCharacters.headerValue("a\u007fb")).isFalse();
		assertThat(FirewallCharacters.headerValue("\uffff")).isFalse();
		assertThat(FirewallCharacters.headerValue("")).isTrue();
	}

	private static List<String> differences(Pattern pattern, Predicate<String> rule) {
		List<String> differences = new ArrayList<>();
		List<String> samples = new ArrayList<>();
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String alone = Character.toString(codePoint);
			samples.add(alone);
			if (codePoint % 97 == 0 || codePoint < 0x3000) {
				samples.add("Bearer x" + alone + "y");
			}
		}
		samples.addAll(List.of("\ud800", "\udc00", "a\ud800b", "\ud800\udc00", "\udc00\ud800", "\ud83d\ude00x"));
		for (String sample : samples) {
			if (pattern.matcher(sample).matches() != rule.test(sample)) {
				differences.add(sample.codePoints()
					.mapToObj(Integer::toHexString)
					.reduce((a, b) -> a + " " + b)
					.orElse("empty"));
			}
		}
		return differences;
	}

}
