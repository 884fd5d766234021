package dev.fortress.knowledge.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into chunks by its structure: markdown headings start a new chunk,
 * paragraphs (blank-line separated) are kept whole and packed up to {@link #TARGET}
 * characters, a paragraph longer than that is cut at sentence ends (or hard, at worst).
 * Each chunk after the first starts with the last {@link #OVERLAP} characters of the one
 * before, so a sentence that straddles a border is found from either side. The target
 * stays under what all-MiniLM-L6-v2 reads (256 word pieces, about 1,000 characters).
 */
final class Chunker {

	static final int TARGET = 700;

	static final int OVERLAP = 120;

	private Chunker() {
	}

	static List<String> chunks(String text) {
		List<String> pieces = new ArrayList<>();
		for (String paragraph : text.strip().split("\\n\\s*\\n")) {
			String trimmed = paragraph.strip();
			if (!trimmed.isEmpty()) {
				pieces.addAll(split(trimmed));
			}
		}
		List<String> chunks = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String piece : pieces) {
			boolean heading = piece.startsWith("#");
			if (!current.isEmpty() && (heading || current.length() + piece.length() + 2 > TARGET)) {
				chunks.add(current.toString());
				current = new StringBuilder(heading ? "" : tail(current));
			}
			if (!current.isEmpty()) {
				current.append("\n\n");
			}
			current.append(piece);
		}
		if (!current.isEmpty()) {
			chunks.add(current.toString());
		}
		return chunks;
	}

	/**
	 * The text the chunks were cut from, each chunk's overlap with the one before
	 * removed.
	 */
	static String joined(List<String> chunks) {
		StringBuilder text = new StringBuilder();
		String previous = "";
		for (String chunk : chunks) {
			int overlap = 0;
			for (int k = Math.min(OVERLAP, chunk.length()); k > 0; k--) {
				if (previous.endsWith(chunk.substring(0, k)) && chunk.startsWith("\n\n", k)) {
					overlap = k + 2;
					break;
				}
			}
			if (!text.isEmpty()) {
				text.append("\n\n");
			}
			text.append(chunk.substring(overlap));
			previous = chunk;
		}
		return text.toString();
	}

	/** A paragraph cut into pieces no longer than the target, at sentence ends if any. */
	private static List<String> split(String paragraph) {
		// room for the overlap and the blank line that joins it
		int limit = TARGET - OVERLAP - 2;
		if (paragraph.length() <= limit) {
			return List.of(paragraph);
		}
		List<String> pieces = new ArrayList<>();
		int start = 0;
		while (paragraph.length() - start > limit) {
			int end = paragraph.lastIndexOf(". ", start + limit);
			end = end <= start ? start + limit : end + 1;
			pieces.add(paragraph.substring(start, end).strip());
			start = end;
		}
		pieces.add(paragraph.substring(start).strip());
		return pieces;
	}

	private static String tail(CharSequence chunk) {
		String text = chunk.toString();
		if (text.length() <= OVERLAP) {
			return text;
		}
		String tail = text.substring(text.length() - OVERLAP);
		int word = tail.indexOf(' ');
		return word < 0 ? tail : tail.substring(word + 1);
	}

}
