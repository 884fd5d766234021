package dev.fortress.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark starts as a child process and always stops: its output goes to a
 * log file, its pid to {@code <work>/pids/<name>.pid} (so {@code bench/run}'s exit trap
 * can stop it even if this JVM dies), and it counts as started once its readiness URL
 * answers 200.
 */
public final class ServerProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String name;

	private final Process process;

	private final Path pidFile;

	private final Path log;

	private final double startupSeconds;

	private ServerProcess(String name, Process process, Path pidFile, Path log, double startupSeconds) {
		this.name = name;
		this.process = process;
		this.pidFile = pidFile;
		this.log = log;
		this.startupSeconds = startupSeconds;
	}

	public static ServerProcess start(String name, List<String> command, Map<String, String> env, Path work,
			URI readiness, Duration timeout) {
		return start(name, command, env, work, () -> ready(readiness), timeout);
	}

	/** {@link #start(String, List, Map, Path, URI, Duration)} with any readiness test. */
	public static ServerProcess start(String name, List<String> command, Map<String, String> env, Path work,
			java.util.function.BooleanSupplier ready, Duration timeout) {
		try {
			Path pids = Files.createDirectories(work.resolve("pids"));
			Path log = work.resolve("logs").resolve(name + ".log");
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(env);
			long launched = System.nanoTime();
			Process process = builder.start();
			Path pidFile = pids.resolve(name + ".pid");
			Files.writeString(pidFile, Long.toString(process.pid()));
			ServerProcess server = new ServerProcess(name, process, pidFile, log, 0);
			long deadline = launched + timeout.toNanos();
			while (!ready.getAsBoolean()) {
				if (!process.isAlive()) {
					server.close();
					throw new IllegalStateException(
							name + " exited with " + process.exitValue() + " before it was ready; see " + log);
				}
				if (System.nanoTime() > deadline) {
					server.close();
					throw new IllegalStateException(
							name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
				}
				Thread.sleep(50);
			}
			return new ServerProcess(name, process, pidFile, log, (System.nanoTime() - launched) / 1e9);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean ready(URI readiness) {
		try {
			HttpResponse<Void> response = HTTP.send(
					HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public String name() {
		return this.name;
	}

	public Path log() {
		return this.log;
	}

	/** Seconds from launching the process to its first 200 on the readiness URL. */
	public double startupSeconds() {
		return this.startupSeconds;
	}

	/** Asks the process to stop (SIGTERM, a graceful shutdown); kills it after 60 s. */
	@Override
	public void close() {
		try {
			if (this.process.isAlive()) {
				this.process.destroy();
				if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
					System.err.println(this.name + " did not stop within 60 s; killing it");
					this.process.destroyForcibly();
					this.process.waitFor(10, TimeUnit.SECONDS);
				}
			}
			Files.deleteIfExists(this.pidFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A free TCP port on the loopback interface. */
	public static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The java executable of this JVM, so every server runs on the same JDK. */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
