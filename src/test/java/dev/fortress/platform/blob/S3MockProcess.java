package dev.fortress.platform.blob;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe's S3Mock, an S3-compatible server, in a JVM of its own started from the
 * executable jar the build copies to {@code target/s3mock} (ADR 0081), on a free port.
 */
final class S3MockProcess implements AutoCloseable {

	private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

	private final int port;

	private final Path root;

	private final Process process;

	private S3MockProcess(int port, Path root, Process process) {
		this.port = port;
		this.root = root;
		this.process = process;
	}

	/**
	 * Whether the build fetched the server (it does in {@code generate-test-resources}).
	 */
	static boolean available() {
		return Files.isRegularFile(JAR);
	}

	static S3MockProcess start() throws IOException, InterruptedException {
		int http = freePort();
		Path root = Files.createTempDirectory("fortress-s3mock");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
				JAR.toAbsolutePath().toString(), "--server.port=" + freePort(),
				"--com.adobe.testing.s3mock.httpPort=" + http, "--com.adobe.testing.s3mock.store.root=" + root,
				"--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(root.resolve("s3mock.log").toFile())
			.start();
		S3MockProcess server = new S3MockProcess(http, root, process);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!server.listening()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				server.close();
				throw new IOException("S3Mock did not start: see " + root.resolve("s3mock.log"));
			}
			Thread.sleep(200);
		}
		return server;
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	S3Client client() {
		return S3Client.builder()
			.endpointOverride(URI.create(endpoint()))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.build();
	}

	private boolean listening() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
