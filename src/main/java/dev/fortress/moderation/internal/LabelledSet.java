package dev.fortress.moderation.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled examples the semantic check compares with, shipped as
 * {@code moderation/labelled.tsv}: one {@code label<TAB>text} per line, {@code #} for
 * comments. Labels are {@code ok} or a reason to hold ({@code spam}, {@code abuse}).
 */
final class LabelledSet {

	static final String RESOURCE = "moderation/labelled.tsv";

	static final String OK = "ok";

	private LabelledSet() {
	}

	/** A labelled line. */
	record Example(String label, String text) {

		boolean flagged() {
			return !OK.equals(this.label);
		}

	}

	static List<Example> load() {
		try (InputStream in = LabelledSet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + RESOURCE);
			}
			return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Example> parse(List<String> lines) {
		List<Example> examples = new ArrayList<>(lines.size());
		for (String line : lines) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int tab = line.indexOf('\t');
			if (tab < 1) {
				throw new IllegalStateException("Not 'label<TAB>text': " + line);
			}
			examples.add(new Example(line.substring(0, tab).strip(), line.substring(tab + 1).strip()));
		}
		return List.copyOf(examples);
	}

}
