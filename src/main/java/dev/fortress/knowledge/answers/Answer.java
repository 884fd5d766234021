package dev.fortress.knowledge.answers;

import java.util.List;
import java.util.UUID;

/**
 * The final event of an answer.
 *
 * @param answer the whole text: the {@code delta}s concatenated
 * @param citations the sources the text cites ({@code [n]}), each one that was in the
 * prompt, in the order first cited
 * @param generated whether a language model wrote the text; false for the extractive
 * fallback
 */
public record Answer(String answer, List<Citation> citations, boolean generated) {

	public Answer {
		citations = List.copyOf(citations);
	}

	/** A source the answer cites: {@code [n]} in the text is this source. */
	public record Citation(int n, String type, UUID id, String title) {
	}

}
