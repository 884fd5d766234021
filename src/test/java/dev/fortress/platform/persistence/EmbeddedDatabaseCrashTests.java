package dev.fortress.platform.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the application alone (what the kernel's out-of-memory killer does)
 * leaves its embedded PostgreSQL running in a session of its own, holding the data
 * directory. The next start must stop that server by itself and come up on the same data.
 * The crashing application is a child JVM, so the test can kill it for real.
 */
class EmbeddedDatabaseCrashTests {

	@TempDir
	Path dataDir;

	private Process child;

	@Test
	void aStartAfterTheApplicationWasKilledStopsItsLeftoverServerAndKeepsTheData() throws Exception {
		this.child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
				CrashingApplication.class.getName(), this.dataDir.toString())
			.redirectErrorStream(true)
			.start();
		awaitReady(this.child);
		long leftover = postmasterPid();

		this.child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		assertThat(this.child.isAlive()).isFalse();
		assertThat(alive(leftover)).as("the server outlives the application killed with -9").isTrue();

		try (EmbeddedDatabase restarted = EmbeddedDatabase.start(this.dataDir)) {
			assertThat(alive(leftover)).as("the leftover server was stopped").isFalse();
			try (Connection connection = DriverManager.getConnection(restarted.jdbcUrl(), restarted.user(),
					restarted.password());
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select note from crash_drill")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("written before the crash");
			}
		}
		assertThat(serversOn(this.dataDir.resolve("postgres"))).as("no server is left running").isEmpty();
	}

	/** Whatever happened, nothing this test started keeps running. */
	@AfterEach
	void stopEverythingStarted() throws Exception {
		if (this.child != null) {
			this.child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		List<ProcessHandle> servers = serversOn(this.dataDir.resolve("postgres"));
		servers.forEach(ProcessHandle::destroy);
		for (ProcessHandle server : servers) {
			server.onExit().completeOnTimeout(server, 10, TimeUnit.SECONDS).join();
		}
		for (ProcessHandle left : serversOn(this.dataDir.resolve("postgres"))) {
			left.destroyForcibly();
			left.onExit().completeOnTimeout(left, 10, TimeUnit.SECONDS).join();
		}
	}

	private static void awaitReady(Process process) throws Exception {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
			try {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					if (line.equals(CrashingApplication.READY)) {
						return true;
					}
				}
				return false;
			}
			catch (IOException ex) {
				return false;
			}
		});
		assertThat(ready.get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS))
			.as("the child application started its database")
			.isTrue();
		// keep draining, so the child never blocks on a full pipe
		CompletableFuture.runAsync(() -> output.lines().forEach(line -> {
		}));
	}

	private long postmasterPid() throws IOException {
		return Long.parseLong(Files.readAllLines(this.dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
	}

	/** Running, not merely waiting (as a zombie) for its new parent to reap it. */
	private static boolean alive(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The postmaster and backends working in this data directory (their current
	 * directory).
	 */
	private static List<ProcessHandle> serversOn(Path directory) {
		return ProcessHandle.allProcesses().filter(process -> worksIn(process, directory)).toList();
	}

	private static boolean worksIn(ProcessHandle process, Path directory) {
		try {
			Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
			return Files.exists(directory) && Files.isSameFile(cwd, directory);
		}
		catch (IOException | SecurityException ex) {
			return false;
		}
	}

	private static String javaBinary() {
		Optional<String> current = ProcessHandle.current().info().command();
		return current.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/** The application that gets killed: starts the database, writes a row, waits. */
	static final class CrashingApplication {

		static final String READY = "database ready";

		public static void main(String[] args) throws Exception {
			EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]));
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
					database.password()); Statement statement = connection.createStatement()) {
				statement.execute("create table crash_drill (note text)");
				statement.execute("insert into crash_drill values ('written before the crash')");
			}
			System.out.println(READY);
			System.out.flush();
			Thread.sleep(Duration.ofMinutes(10).toMillis());
		}

	}

}
