package dev.fortress.files.web;

import org.jspecify.annotations.Nullable;

/**
 * A client's file name made harmless: the last segment of any path, without control
 * characters, at most 255 characters ({@code file} when nothing is left). It is only ever
 * shown and sent back in {@code Content-Disposition}, which encodes it.
 */
final class FileNames {

	private static final int MAX = 255;

	private FileNames() {
	}

	static String clean(@Nullable String name) {
		if (name == null) {
			return "file";
		}
		String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		String printable = last.codePoints()
			.filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		if (printable.isEmpty() || printable.equals(".") || printable.equals("..")) {
			return "file";
		}
		if (printable.length() <= MAX) {
			return printable;
		}
		// never cut a surrogate pair in two
		int end = Character.isHighSurrogate(printable.charAt(MAX - 1)) ? MAX - 1 : MAX;
		return printable.substring(0, end);
	}

}
