package dev.fortress.files.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file is, judged by its first bytes against an allow-list; the type a client
 * declares is never trusted (a {@code .png} that is an executable stays an executable).
 * Images (PNG, JPEG, GIF, WebP) and PDF by their magic numbers; text as UTF-8 without
 * control characters, labelled markdown or CSV by the name's extension, plain text
 * otherwise. Anything else (archives, executables, HTML, SVG with its scripts) is
 * refused: a file is shared with other people, so only kinds that are safe to open are
 * let in.
 */
final class ContentSniffer {

	/** How much of the file is looked at. */
	static final int HEAD = 8 * 1024;

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };

	private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private ContentSniffer() {
	}

	/**
	 * The content type of a file that begins with {@code head} (at most {@link #HEAD}
	 * bytes; {@code complete} when that is the whole file), or empty when it is not
	 * allowed.
	 */
	static Optional<String> sniff(byte[] head, boolean complete, String name) {
		if (startsWith(head, 0, PNG)) {
			return Optional.of("image/png");
		}
		if (startsWith(head, 0, JPEG)) {
			return Optional.of("image/jpeg");
		}
		if (startsWith(head, 0, GIF87) || startsWith(head, 0, GIF89)) {
			return Optional.of("image/gif");
		}
		if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP)) {
			return Optional.of("image/webp");
		}
		if (startsWith(head, 0, PDF)) {
			return Optional.of("application/pdf");
		}
		return isText(head, complete) ? Optional.of(textType(name) + "; charset=utf-8") : Optional.empty();
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
		return bytes.length >= offset + prefix.length
				&& Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	/**
	 * UTF-8 with no control characters but tab, line feed, form feed and carriage return.
	 * A multi-byte character cut off by the end of an incomplete head is fine.
	 */
	private static boolean isText(byte[] head, boolean complete) {
		for (byte b : head) {
			if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r') || b == 0x7f) {
				return false;
			}
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		int length = complete ? head.length : withoutCutCharacter(head);
		try {
			decoder.decode(ByteBuffer.wrap(head, 0, length));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/** The length of {@code head} without a multi-byte character the cut split. */
	private static int withoutCutCharacter(byte[] head) {
		int end = head.length;
		for (int back = 1; back <= 3 && end - back >= 0; back++) {
			int b = head[end - back] & 0xff;
			if ((b & 0xc0) == 0xc0) {
				int needed = (b >= 0xf0) ? 4 : (b >= 0xe0) ? 3 : 2;
				return (back < needed) ? end - back : end;
			}
			if ((b & 0x80) == 0) {
				return end;
			}
		}
		return end;
	}

	private static String textType(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
			return "text/markdown";
		}
		if (lower.endsWith(".csv")) {
			return "text/csv";
		}
		return "text/plain";
	}

}
