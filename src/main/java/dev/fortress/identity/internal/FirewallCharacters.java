package dev.fortress.identity.internal;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows in header names,
 * header values and parameter names, checked without its regular expressions. Its
 * defaults match every header a handler reads against
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (a tab also allowed in values), one
 * character-class test per code point: for a bearer token of about a thousand characters,
 * read on every authenticated request, that was a tenth of the CPU of a page of tasks.
 * The rule is the same (a test compares them on every code point); printable ASCII, what
 * nearly every header is, is decided by one comparison per character.
 */
final class FirewallCharacters {

	private FirewallCharacters() {
	}

	/** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: header and parameter names. */
	static boolean assignedNotControl(String value) {
		return allowed(value, false);
	}

	/** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: header values. */
	static boolean headerValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String value, boolean tab) {
		int length = value.length();
		for (int i = 0; i < length;) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				i++;
				continue;
			}
			int codePoint = value.codePointAt(i);
			if (!(tab && codePoint == '\t')
					&& (!Character.isDefined(codePoint) || Character.getType(codePoint) == Character.CONTROL)) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
