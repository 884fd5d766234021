package dev.fortress.knowledge.answers;

import java.util.ArrayList;
import java.util.List;

import dev.fortress.knowledge.LanguageModelUnavailable.Reason;

/**
 * The answer without a model: a sentence saying why, then the most relevant passages,
 * each numbered like its citation. Every piece is one {@code delta}.
 */
final class ExtractiveAnswer {

	/** The most of a passage an extractive answer quotes. */
	private static final int QUOTE = 400;

	private ExtractiveAnswer() {
	}

	static List<String> pieces(Reason reason, List<GroundedPrompt.Source> sources) {
		List<String> pieces = new ArrayList<>();
		if (sources.isEmpty()) {
			pieces.add("Nothing you can read matches the question.");
			return pieces;
		}
		pieces.add(why(reason) + " These are the most relevant passages:");
		for (GroundedPrompt.Source source : sources) {
			pieces.add("\n\n[" + source.n() + "] " + source.passage().title() + ": " + quote(source.passage().text()));
		}
		return pieces;
	}

	private static String why(Reason reason) {
		return switch (reason) {
			case OFF -> "Answer generation is off.";
			case QUOTA -> "Your daily budget for generated answers is spent.";
			case OPEN, FAILED -> "Answer generation is unavailable right now.";
		};
	}

	private static String quote(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		return flat.length() <= QUOTE ? flat : flat.substring(0, QUOTE - 1) + "…";
	}

}
