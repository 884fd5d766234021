package dev.fortress.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker (KRaft: broker and controller in one) in its own JVM, run
 * from the broker's jars that bench/run fetches from Maven Central
 * (deploy/local/kafka/pom.xml), on free ports, with a fresh log directory under the run's
 * work directory.
 */
public final class KafkaBroker implements AutoCloseable {

	private final ServerProcess process;

	private final int port;

	private KafkaBroker(ServerProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	public static KafkaBroker start(Path lib, Path work) throws IOException, InterruptedException {
		int port = ServerProcess.freePort();
		int controller = ServerProcess.freePort();
		Path dir = Files.createDirectories(work.resolve("kafka"));
		Path config = dir.resolve("server.properties");
		Files.writeString(config,
				String.join("\n", "process.roles=broker,controller", "node.id=1",
						"controller.quorum.voters=1@127.0.0.1:" + controller,
						"listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
						"advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
						"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
						"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + dir.resolve("data"), "num.partitions=3",
						"offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
						"transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0", ""));
		String classPath = lib.toAbsolutePath() + "/*";
		Process format = new ProcessBuilder(ServerProcess.java(), "-cp", classPath, "kafka.tools.StorageTool", "format",
				"-t", clusterId(), "-c", config.toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("format.log").toFile())
			.start();
		if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
			throw new IllegalStateException("formatting the Kafka storage failed; see " + dir.resolve("format.log"));
		}
		ServerProcess process = ServerProcess.start("kafka", List.of(ServerProcess.java(), "-Xms256m", "-Xmx512m",
				"-cp", classPath, "kafka.Kafka", config.toString()), Map.of(), work, () -> listening(port),
				Duration.ofMinutes(2));
		return new KafkaBroker(process, port);
	}

	public String bootstrap() {
		return "127.0.0.1:" + this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.process.close();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	/**
	 * 16 random bytes, URL-safe Base64; never one starting with '-' (read as an option).
	 */
	private static String clusterId() {
		String id;
		do {
			UUID uuid = UUID.randomUUID();
			ByteBuffer bytes = ByteBuffer.allocate(16)
				.putLong(uuid.getMostSignificantBits())
				.putLong(uuid.getLeastSignificantBits());
			id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
		}
		while (id.startsWith("-"));
		return id;
	}

}
