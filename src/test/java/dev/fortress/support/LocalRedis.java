package dev.fortress.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The local Redis some tests need, at {@code 127.0.0.1:6379}. A test calls
 * {@link #assumeAvailable()} first and is skipped with a clear message when Redis is
 * absent, unless {@code FORTRESS_REQUIRE_SERVICES=true}.
 */
public final class LocalRedis {

	public static final String HOST = "127.0.0.1";

	public static final int PORT = 6379;

	public static final String URL = "redis://" + HOST + ":" + PORT;

	private LocalRedis() {
	}

	public static void assumeAvailable() {
		Services.assumeAvailable("Redis at " + HOST + ":" + PORT, answersPing());
	}

	static boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 300);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(5);
			return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
