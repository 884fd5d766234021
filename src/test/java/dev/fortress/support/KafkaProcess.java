package dev.fortress.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one), in its own JVM
 * started from the Kafka server classes on the test classpath, on fixed ports, so a test
 * can stop it and start it again at the same address: Kafka away, then back.
 */
public final class KafkaProcess implements AutoCloseable {

	private final int port = freePort();

	private final int controllerPort = freePort();

	private final Path directory;

	private Process process;

	public KafkaProcess() throws IOException {
		this.directory = Files.createTempDirectory("fortress-kafka");
		Path config = this.directory.resolve("server.properties");
		Files.writeString(config, String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + this.controllerPort,
				"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port, "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
				"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.directory.resolve("data"),
				"num.partitions=3", "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0", ""));
		Process format = java("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", config.toString()).start();
		try {
			if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
				throw new IOException(
						"Formatting the Kafka storage failed: see " + this.directory.resolve("format.log"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/**
	 * Where clients connect: {@code 127.0.0.1:<port>}, the same before and after a
	 * restart.
	 */
	public String bootstrap() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Starts the broker, unless it runs, and waits until it accepts connections.
	 */
	public void start() throws IOException {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		this.process = java("kafka.Kafka", this.directory.resolve("server.properties").toString()).start();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException notYet) {
				sleep();
			}
			if (!this.process.isAlive()) {
				throw new IOException("Kafka did not start: see " + this.directory.resolve("kafka.log"));
			}
		}
		throw new IOException("Kafka did not listen within 60 s: see " + this.directory.resolve("kafka.log"));
	}

	/** Stops the broker (as an operator would: SIGTERM, then SIGKILL after 30 s). */
	public void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private ProcessBuilder java(String mainClass, String... arguments) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp",
				System.getProperty("java.class.path"), "-Dlog4j2.level=WARN", mainClass));
		command.addAll(List.of(arguments));
		String log = mainClass.endsWith("StorageTool") ? "format.log" : "kafka.log";
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve(log).toFile()));
	}

	/**
	 * A KRaft cluster id: 16 random bytes, URL-safe Base64 without padding; never one
	 * that starts with {@code -}, which the storage tool would read as an option.
	 */
	private static String clusterId() {
		String id;
		do {
			UUID uuid = UUID.randomUUID();
			java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
			bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
			id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
		}
		while (id.startsWith("-"));
		return id;
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
