package dev.fortress.platform.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that an earlier run of the application left running on its data
 * directory. {@code pg_ctl} starts the server in a session of its own, so when the
 * application is killed without a chance to stop it ({@code kill -9}, the out-of-memory
 * killer) the server lives on, holds the directory, and every later start fails until
 * someone stops it by hand. This stops it instead.
 * <p>
 * The caller must hold the data directory's lock ({@link DataDirectoryLock}): only then
 * is a server running on it known to belong to no live application. A process is taken
 * for that server only when the {@code postmaster.pid} file names it, it runs the
 * {@code postgres} binary and its working directory is this data directory (a PostgreSQL
 * server works in its data directory); anything else is left alone. A
 * {@code postmaster.pid} whose process is gone is PostgreSQL's own business: it replaces
 * the file when it starts.
 */
final class LeftoverServer {

	private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);

	private static final int STOP_SECONDS = 30;

	private LeftoverServer() {
	}

	/** Stops the server left running on the directory, if there is one. */
	static void stopIfRunning(Path directory) throws IOException {
		Optional<ProcessHandle> server = find(directory);
		if (server.isEmpty()) {
			return;
		}
		ProcessHandle postmaster = server.get();
		log.warn("Stopping the embedded PostgreSQL (PID {}) that a previous run left running on {}: "
				+ "the application ended without stopping it (killed?)", postmaster.pid(), directory);
		List<ProcessHandle> backends = postmaster.descendants().toList();
		if (!stopFast(postmaster, directory) && !await(postmaster)) {
			log.warn("The leftover PostgreSQL (PID {}) did not stop in {} s; killing it", postmaster.pid(),
					STOP_SECONDS);
			postmaster.destroyForcibly();
			backends.forEach(ProcessHandle::destroyForcibly);
			await(postmaster);
		}
		if (postmaster.isAlive()) {
			throw new IllegalStateException("Could not stop the PostgreSQL server (PID " + postmaster.pid()
					+ ") left running on " + directory + "; stop it and start again");
		}
	}

	static Optional<ProcessHandle> find(Path directory) throws IOException {
		Path pidFile = directory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || !lines.get(0).strip().matches("[1-9][0-9]{0,9}")) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
			.filter(ProcessHandle::isAlive)
			.filter(process -> isPostgres(process) && worksIn(process, directory));
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info()
			.command()
			.map(Path::of)
			.map(Path::getFileName)
			.map(Path::toString)
			.orElse("")
			.equals("postgres");
	}

	private static boolean worksIn(ProcessHandle process, Path directory) {
		try {
			return Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), directory);
		}
		catch (IOException | SecurityException ex) {
			// not Linux, or not ours to look at: not known to be this directory's server
			return false;
		}
	}

	/**
	 * {@code pg_ctl stop -m fast} from the server's own binaries: rolls back open
	 * transactions, writes a checkpoint and removes {@code postmaster.pid}.
	 */
	private static boolean stopFast(ProcessHandle postmaster, Path directory) {
		Optional<Path> pgCtl = postmaster.info().command().map(Path::of).map(binary -> binary.resolveSibling("pg_ctl"));
		if (pgCtl.isEmpty() || !Files.isExecutable(pgCtl.get())) {
			postmaster.destroy();
			return false;
		}
		try {
			Process stop = new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", directory.toString(), "-m", "fast",
					"-w", "-t", Integer.toString(STOP_SECONDS))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return stop.waitFor(STOP_SECONDS + 5, TimeUnit.SECONDS) && stop.exitValue() == 0 && await(postmaster);
		}
		catch (IOException ex) {
			postmaster.destroy();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean await(ProcessHandle process) {
		try {
			process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
		catch (Exception ex) {
			return !process.isAlive();
		}
	}

}
