package dev.fortress.files.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentSnifferTests {

	@Test
	void imagesAndPdfAreKnownByTheirMagicNumbersWhateverTheirName() {
		assertThat(sniff(new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0 }, "x.txt"))
			.isEqualTo("image/jpeg");
		assertThat(sniff("GIF89a....".getBytes(StandardCharsets.US_ASCII), "x")).isEqualTo("image/gif");
		assertThat(sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), "x")).isEqualTo("image/webp");
		assertThat(sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "x.png")).isEqualTo("application/pdf");
	}

	@Test
	void utf8TextIsPlainMarkdownOrCsvByItsName() {
		byte[] text = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
		assertThat(sniff(text, "data.CSV")).isEqualTo("text/csv; charset=utf-8");
		assertThat(sniff(text, "readme.markdown")).isEqualTo("text/markdown; charset=utf-8");
		assertThat(sniff(text, "data.exe")).isEqualTo("text/plain; charset=utf-8");
	}

	@Test
	void executablesArchivesBinaryAndInvalidUtf8AreRefused() {
		assertThat(ContentSniffer.sniff(new byte[] { 0x7f, 'E', 'L', 'F' }, true, "a.png")).isEmpty();
		assertThat(ContentSniffer.sniff("MZ\u0090\0".getBytes(StandardCharsets.ISO_8859_1), true, "a.txt")).isEmpty();
		assertThat(ContentSniffer.sniff(new byte[] { 'P', 'K', 3, 4 }, true, "a.zip")).isEmpty();
		assertThat(ContentSniffer.sniff(new byte[] { 'a', (byte) 0xc3, 'b' }, true, "a.txt")).isEmpty();
	}

	@Test
	void aCharacterCutByTheEndOfTheHeadIsStillText() {
		byte[] umlauts = "ü".repeat(ContentSniffer.HEAD).getBytes(StandardCharsets.UTF_8);
		byte[] head = Arrays.copyOf(umlauts, ContentSniffer.HEAD - 1);
		assertThat(ContentSniffer.sniff(head, false, "a.txt")).hasValue("text/plain; charset=utf-8");
		assertThat(ContentSniffer.sniff(head, true, "a.txt")).isEmpty();
	}

	private static String sniff(byte[] bytes, String name) {
		return ContentSniffer.sniff(bytes, true, name).orElseThrow();
	}

}
