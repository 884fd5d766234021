package dev.fortress.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fortress.support.Http;

/**
 * HTTP/1.1 over a plain socket: the request target goes on the wire byte for byte, so a
 * test controls exactly how a path is spelled ({@code //}, {@code ;jsessionid},
 * {@code /./}, percent-escapes), which an HTTP client library may normalise.
 */
final class RawHttp {

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	Http.Response send(String method, String target, Map<String, String> headers, String body) {
		StringBuilder request = new StringBuilder(method).append(' ')
			.append(target)
			.append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
		byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		if (body != null) {
			request.append("Content-Length: ").append(content.length).append("\r\n");
		}
		request.append("\r\n");
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().write(content);
			return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Http.Response parse(String raw) {
		int end = raw.indexOf("\r\n\r\n");
		String[] head = raw.substring(0, end).split("\r\n");
		int status = Integer.parseInt(head[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < head.length; i++) {
			int colon = head[i].indexOf(':');
			headers.computeIfAbsent(head[i].substring(0, colon).trim(), name -> new ArrayList<>())
				.add(head[i].substring(colon + 1).trim());
		}
		String body = raw.substring(end + 4);
		if (headers.keySet().stream().anyMatch("Transfer-Encoding"::equalsIgnoreCase)) {
			body = unchunk(body);
		}
		return new Http.Response(status, headers, body);
	}

	private static String unchunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			// Sizes are in bytes; the tests' bodies are ASCII, so characters will do.
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

}
