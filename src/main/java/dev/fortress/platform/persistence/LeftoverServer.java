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
		fastShutdown(postmaster);
		if (await(postmaster)) {
			return;
		}
		log.warn("The leftover PostgreSQL (PID {}) did not stop in {} s; killing it", postmaster.pid(), STOP_SECONDS);
		postmaster.destroyForcibly();
		backends.forEach(ProcessHandle::destroyForcibly);
		if (!await(postmaster) || !backends.stream().allMatch(LeftoverServer::await)) {
			throw new IllegalStateException("Could not stop the PostgreSQL server (PID " + postmaster.pid()
					+ ") left running on " + directory + "; stop it and start again");
		}
		// a killed server leaves its pid file behind, and until the process is reaped its
		// PID still looks alive to the next server
		Files.deleteIfExists(directory.resolve("postmaster.pid"));
	}

	private static Optional<ProcessHandle> find(Path directory) throws IOException {
		Path pidFile = directory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || !lines.get(0).strip().matches("[1-9][0-9]{0,9}")) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
			.filter(LeftoverServer::running)
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
	 * PostgreSQL's fast shutdown (SIGINT): rolls back open transactions, writes a
	 * checkpoint and removes {@code postmaster.pid}. {@code pg_ctl stop -m fast} sends
	 * the same signal but refuses to run as root, which containers often are; Java can
	 * send only SIGTERM, PostgreSQL's smart shutdown, the fallback.
	 */
	private static void fastShutdown(ProcessHandle postmaster) {
		try {
			Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(postmaster.pid()))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
				return;
			}
		}
		catch (IOException ex) {
			// no kill command: fall back to SIGTERM
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		postmaster.destroy();
	}

	/**
	 * Waits until the process has ended; an exited process its new parent has not reaped
	 * yet has ended.
	 */
	private static boolean await(ProcessHandle process) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
		while (running(process)) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return !running(process);
			}
		}
		return true;
	}

	private static boolean running(ProcessHandle process) {
		if (!process.isAlive()) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			// the state follows the command name in parentheses: Z is a zombie
			return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
