package dev.fortress.platform.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link BlobStore} does, run against each implementation. */
abstract class BlobStoreContract {

	abstract BlobStore store();

	@Test
	void storedBytesAreReadBackExactly() throws IOException {
		byte[] bytes = new byte[300_000];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31);
		}
		store().put("files/a-1", new ByteArrayInputStream(bytes), bytes.length);
		try (InputStream in = store().open("files/a-1")) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void aPutReplacesTheBlobUnderTheSameKey() throws IOException {
		store().put("files/b", stream("first"), 5);
		store().put("files/b", stream("second"), 6);
		try (InputStream in = store().open("files/b")) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
		}
	}

	@Test
	void aMissingBlobIsNoSuchFileAndDeletingTwiceIsFine() throws IOException {
		store().put("files/c", stream("gone soon"), 9);
		store().delete("files/c");
		store().delete("files/c");
		assertThatThrownBy(() -> store().open("files/c")).isInstanceOf(NoSuchFileException.class);
		assertThatThrownBy(() -> store().open("files/never")).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void fewerBytesThanAnnouncedStoreNothing() throws IOException {
		assertThatThrownBy(() -> store().put("files/d", stream("short"), 10)).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> store().open("files/d")).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void keysThatCouldEscapeTheStoreAreRefused() {
		for (String key : new String[] { "../etc/passwd", "files/../../x", "/absolute", "files//x", "" }) {
			assertThatThrownBy(() -> store().put(key, stream("x"), 1)).as(key)
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
