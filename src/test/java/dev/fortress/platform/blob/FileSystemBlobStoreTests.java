package dev.fortress.platform.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemBlobStoreTests extends BlobStoreContract {

	@TempDir
	Path directory;

	private FileSystemBlobStore store;

	@Override
	BlobStore store() {
		if (this.store == null) {
			try {
				this.store = new FileSystemBlobStore(this.directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this.store;
	}

	@Test
	void aFailedPutLeavesNoTemporaryFileBehind() throws IOException {
		fewerBytesThanAnnouncedStoreNothing();
		try (Stream<Path> incoming = Files.list(this.directory.resolve(".incoming"))) {
			assertThat(incoming).isEmpty();
		}
	}

}
