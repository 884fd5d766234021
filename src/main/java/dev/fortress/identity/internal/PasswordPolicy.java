package dev.fortress.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ApiException;

/**
 * NIST SP 800-63B / OWASP password rules: 8 to 128 characters, no composition rules, and
 * not one of the most common passwords (the list ships as a resource, one per line).
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 8;

	static final int MAX_LENGTH = 128;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load("identity/common-passwords.txt");
	}

	/**
	 * @throws ApiException (400) naming {@code field} if the password is not acceptable
	 */
	void check(String field, String password) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			throw ApiException.invalid(field, "must be between 8 and 128 characters");
		}
		if (this.common.contains(password.toLowerCase(Locale.ROOT))) {
			throw ApiException.invalid(field, "is too common; choose a less guessable password");
		}
	}

	private static Set<String> load(String resource) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			return reader.lines()
				.map(String::trim)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.map(line -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
