package dev.fortress.knowledge.answers;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A question and where to look for its answer.
 *
 * @param text the question, 1 to 1,000 characters
 * @param projectId only this project's passages, or null for everything the caller may
 * read
 * @param types the source types to search, empty for all
 */
public record Question(String text, @Nullable UUID projectId, Set<String> types) {

	public Question {
		types = Set.copyOf(types);
	}

	/**
	 * The question as the answer cache compares it: case, spacing and trailing
	 * punctuation do not make another question.
	 */
	String normalised() {
		return this.text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip().replaceAll("[\\s?!.]+$", "");
	}

	/** The scope as part of the cache key: the same for the same scope, in any order. */
	String scopeKey() {
		return (this.projectId == null ? "*" : this.projectId.toString()) + "|" + new TreeSet<>(this.types);
	}

}
