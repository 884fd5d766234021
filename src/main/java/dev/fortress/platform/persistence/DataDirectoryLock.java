package dev.fortress.platform.persistence;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Proof that this process is the only application using the embedded PostgreSQL's data
 * directory: an exclusive lock on {@code <dataDir>/postgres.lock}, held while the server
 * runs. The operating system releases it when the process dies, however it dies, so a
 * server found running on the directory while the lock is held was left behind by a dead
 * run, never started by a live one.
 */
final class DataDirectoryLock implements Closeable {

	private final FileChannel channel;

	private DataDirectoryLock(FileChannel channel) {
		this.channel = channel;
	}

	static DataDirectoryLock acquire(Path dataDir) throws IOException {
		Path file = dataDir.resolve("postgres.lock");
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			channel.close();
			throw new IllegalStateException("Another running application uses the embedded PostgreSQL in " + dataDir
					+ " (it holds " + file + "); give this one its own data directory");
		}
		return new DataDirectoryLock(channel);
	}

	@Override
	public void close() throws IOException {
		// closing the channel releases the lock
		this.channel.close();
	}

}
