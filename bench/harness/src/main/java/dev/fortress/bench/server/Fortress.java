package dev.fortress.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fortress.bench.system.ProcFs;

/**
 * Fortress as a user runs it ({@code java -jar}, embedded PostgreSQL, built-in sandbox
 * provider unless told otherwise), on a free port with the benchmark's data directory.
 * Rate limits are relaxed so the benchmark measures the server, not its limiter's
 * refusals; access tokens live long enough for a whole run.
 */
public final class Fortress implements AutoCloseable {

	public static final String ADMIN_EMAIL = "admin@bench.example.com";

	public static final String ADMIN_PASSWORD = "bench-admin-passphrase-7481";

	private static final Pattern STARTED = Pattern
		.compile("Started FortressApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private final ServerProcess process;

	private final int port;

	private final Path dataDir;

	private final long postmasterPid;

	private final int databasePort;

	private Fortress(ServerProcess process, int port, Path dataDir, long postmasterPid, int databasePort) {
		this.process = process;
		this.port = port;
		this.dataDir = dataDir;
		this.postmasterPid = postmasterPid;
		this.databasePort = databasePort;
	}

	/**
	 * @param settings extra environment ({@code FORTRESS_INVENTORY_STRATEGY},
	 * {@code FORTRESS_PSP_URL}, ...)
	 */
	public Path dataDir() {
		return this.dataDir;
	}

	public static Fortress start(String label, Path jar, Path work, Path dataDir, Map<String, String> settings,
			List<String> jvmOptions) {
		int port = ServerProcess.freePort();
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SERVER_PORT", Integer.toString(port));
		// a free gRPC port too: two instances (or a developer's) must not both want 9090
		env.put("FORTRESS_GRPC_PORT", "0");
		env.put("FORTRESS_DATA_DIR", dataDir.toString());
		env.put("FORTRESS_ADMIN_EMAIL", ADMIN_EMAIL);
		env.put("FORTRESS_ADMIN_PASSWORD", ADMIN_PASSWORD);
		env.put("FORTRESS_RATE_LIMIT_AUTH", "1000000");
		env.put("FORTRESS_RATE_LIMIT_API", "1000000000");
		// Seeding registers and logs in up to 1,000 buyers (two Argon2id hashes each) as
		// fast as the machine allows; the flood drill measures the hashing budget.
		env.put("FORTRESS_HASHING_CPU_SHARE", "1.0");
		// Thousands of drop counter streams come from the generator's one address.
		env.put("FORTRESS_DROP_STREAMS_PER_CLIENT", "10000");
		// The WebSocket scenario holds more sessions than an instance admits by default.
		env.put("FORTRESS_WS_MAX_CONNECTIONS", "5000");
		env.putAll(settings);
		List<String> command = new ArrayList<>();
		command.add(ServerProcess.java());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--fortress.identity.access-token-ttl=12h");
		ServerProcess process = ServerProcess.start(label, command, env, work,
				URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"), Duration.ofMinutes(3));
		List<String> postmaster = postmaster(dataDir);
		return new Fortress(process, port, dataDir, Long.parseLong(postmaster.get(0).trim()),
				Integer.parseInt(postmaster.get(3).trim()));
	}

	/** PostgreSQL's {@code postmaster.pid}: pid, data dir, start time, port, ... */
	private static List<String> postmaster(Path dataDir) {
		try {
			return Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no embedded PostgreSQL under " + dataDir, ex);
		}
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public long postmasterPid() {
		return this.postmasterPid;
	}

	public int databasePort() {
		return this.databasePort;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public double startupSeconds() {
		return this.process.startupSeconds();
	}

	public Path log() {
		return this.process.log();
	}

	/** What Spring Boot logged: seconds to start the context, and since the JVM began. */
	public double[] springStartup() {
		try {
			Matcher matcher = STARTED.matcher(Files.readString(this.process.log()));
			double[] found = { Double.NaN, Double.NaN };
			while (matcher.find()) {
				found[0] = Double.parseDouble(matcher.group(1));
				found[1] = Double.parseDouble(matcher.group(2));
			}
			return found;
		}
		catch (IOException ex) {
			return new double[] { Double.NaN, Double.NaN };
		}
	}

	/**
	 * Stops the application and makes sure its PostgreSQL is gone too: after an unclean
	 * exit the embedded server would keep running in its own session and hold the data
	 * directory.
	 */
	@Override
	public void close() {
		this.process.close();
		stopPostgres(this.postmasterPid);
	}

	static void stopPostgres(long pid) {
		// The application stops it on a clean shutdown; it may take a moment to exit.
		for (int i = 0; i < 150 && ProcFs.alive(pid); i++) {
			sleep(100);
		}
		if (!ProcFs.alive(pid)) {
			return;
		}
		System.err.println("PostgreSQL " + pid + " outlived the application; stopping it");
		signal(pid, "INT"); // fast shutdown
		for (int i = 0; i < 200 && ProcFs.alive(pid); i++) {
			sleep(100);
		}
		if (ProcFs.alive(pid)) {
			signal(pid, "KILL");
		}
	}

	private static void signal(long pid, String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
