package dev.fortress.content.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines removed from and added to a text, by longest common subsequence: what a
 * reader of an article's history wants to see of each version. Long bodies fall back to
 * "all removed, all added" rather than spend quadratic time and memory.
 */
final class LineDiff {

	/** Above this many lines on each side the table would cost too much. */
	private static final int MAX_LINES = 2000;

	private LineDiff() {
	}

	static List<String> of(String before, String after) {
		String[] a = before.isEmpty() ? new String[0] : before.split("\n", -1);
		String[] b = after.isEmpty() ? new String[0] : after.split("\n", -1);
		List<String> diff = new ArrayList<>();
		if ((long) a.length * b.length > (long) MAX_LINES * MAX_LINES) {
			for (String line : a) {
				diff.add("- " + line);
			}
			for (String line : b) {
				diff.add("+ " + line);
			}
			return diff;
		}
		int[][] common = new int[a.length + 1][b.length + 1];
		for (int i = a.length - 1; i >= 0; i--) {
			for (int j = b.length - 1; j >= 0; j--) {
				common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		int i = 0;
		int j = 0;
		while (i < a.length || j < b.length) {
			if (i < a.length && j < b.length && a[i].equals(b[j])) {
				i++;
				j++;
			}
			else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
				// removals before additions, as unified diffs show them
				diff.add("- " + a[i++]);
			}
			else {
				diff.add("+ " + b[j++]);
			}
		}
		return diff;
	}

}
