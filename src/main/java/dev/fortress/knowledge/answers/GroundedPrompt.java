package dev.fortress.knowledge.answers;

import java.util.List;

import dev.fortress.knowledge.LanguageModel;
import dev.fortress.knowledge.Passage;

/**
 * A prompt and the numbered sources it contains: source {@code n} is
 * {@code sources.get(n - 1)}. Only these may be cited.
 */
record GroundedPrompt(LanguageModel.Prompt prompt, List<Source> sources) {

	GroundedPrompt {
		sources = List.copyOf(sources);
	}

	/**
	 * A passage as it went into the prompt.
	 *
	 * @param text the passage's text, trimmed when the budget cut it short
	 */
	record Source(int n, Passage passage, String text) {
	}

}
