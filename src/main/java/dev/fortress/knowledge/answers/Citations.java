package dev.fortress.knowledge.answers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the {@code [n]} markers of an answer back to the sources of its prompt. A number
 * that names no source of the prompt (the model invented {@code [9]} with eight sources,
 * or {@code [0]}) is dropped: a citation always points at text the model was given, and
 * so at something the caller may read.
 */
final class Citations {

	/** {@code [1]}, {@code [2, 3]}, {@code [4,5]}. */
	private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)]");

	private Citations() {
	}

	static List<Answer.Citation> of(String answer, List<GroundedPrompt.Source> sources) {
		Set<Integer> cited = new LinkedHashSet<>();
		Matcher marker = MARKER.matcher(answer);
		while (marker.find()) {
			for (String number : marker.group(1).split(",")) {
				int n = Integer.parseInt(number.strip());
				if (n >= 1 && n <= sources.size()) {
					cited.add(n);
				}
			}
		}
		List<Answer.Citation> citations = new ArrayList<>();
		for (int n : cited) {
			citations.add(citation(sources.get(n - 1)));
		}
		return citations;
	}

	static Answer.Citation citation(GroundedPrompt.Source source) {
		return new Answer.Citation(source.n(), source.passage().type(), source.passage().id(),
				source.passage().title());
	}

}
