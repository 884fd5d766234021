package dev.fortress.platform.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Blobs as files under a directory ({@code <data dir>/blobs} by default). A blob is
 * written to a temporary file in the same file system, forced to disk, then moved into
 * place atomically: a reader sees the whole blob or none, never a half-written one, and a
 * crash leaves at most a stray temporary file.
 */
public final class FileSystemBlobStore implements BlobStore {

	private final Path root;

	private final Path incoming;

	public FileSystemBlobStore(Path root) throws IOException {
		this.root = root.toAbsolutePath().normalize();
		this.incoming = this.root.resolve(".incoming");
		Files.createDirectories(this.incoming);
	}

	@Override
	public void put(String key, InputStream content, long size) throws IOException {
		Path target = path(key);
		Files.createDirectories(target.getParent());
		Path temporary = Files.createTempFile(this.incoming, "blob-", ".part");
		try {
			long copied;
			try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
				copied = content.transferTo(out);
			}
			if (copied != size) {
				throw new IOException("Expected " + size + " bytes for " + key + ", got " + copied);
			}
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			move(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		Path path = path(key);
		if (!Files.isRegularFile(path)) {
			throw new NoSuchFileException(key);
		}
		return Files.newInputStream(path);
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(path(key));
	}

	private Path path(String key) {
		return this.root.resolve(BlobKeys.check(key));
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("The blob directory must be on one file system", ex);
		}
	}

}
