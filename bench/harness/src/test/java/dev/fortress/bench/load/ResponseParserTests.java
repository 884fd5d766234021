package dev.fortress.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseParserTests {

	@Test
	void readsAFixedLengthResponseSplitAtEveryByte() {
		String response = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"status\":\"PAID\"}";
		ResponseParser parser = new ResponseParser(64);
		parser.reset(false);
		byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i < bytes.length - 1; i++) {
			assertThat(parser.feed(ByteBuffer.wrap(bytes, i, 1))).isFalse();
		}
		assertThat(parser.feed(ByteBuffer.wrap(bytes, bytes.length - 1, 1))).isTrue();
		assertThat(parser.status()).isEqualTo(201);
		assertThat(parser.closeRequested()).isFalse();
		assertThat(new String(parser.body(), 0, parser.bodyLength(), StandardCharsets.UTF_8))
			.isEqualTo("{\"status\":\"PAID\"}");
	}

	@Test
	void readsAChunkedResponseWithExtensionsAndTrailers() {
		String response = "HTTP/1.1 200 \r\ntransfer-encoding: Chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n";
		ResponseParser parser = new ResponseParser(5);
		parser.reset(false);
		ByteBuffer buffer = ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1));
		assertThat(parser.feed(buffer)).isTrue();
		assertThat(buffer.hasRemaining()).isFalse();
		assertThat(parser.status()).isEqualTo(200);
		assertThat(new String(parser.body(), 0, parser.bodyLength(), StandardCharsets.UTF_8)).isEqualTo("hello");
	}

	@Test
	void noticesConnectionCloseAndRetryAfter() {
		String response = "HTTP/1.1 503 \r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
		ResponseParser parser = new ResponseParser(0);
		parser.reset(false);
		assertThat(parser.feed(ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1)))).isTrue();
		assertThat(parser.status()).isEqualTo(503);
		assertThat(parser.retryAfter()).isTrue();
		assertThat(parser.closeRequested()).isTrue();
	}

	@Test
	void aBodyWithoutLengthRunsToTheEndOfTheConnection() {
		ResponseParser parser = new ResponseParser(16);
		parser.reset(false);
		assertThat(parser.feed(ByteBuffer.wrap("HTTP/1.0 200 OK\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1))))
			.isFalse();
		assertThat(parser.endOfStream()).isTrue();
		assertThat(parser.closeRequested()).isTrue();
		assertThat(parser.bodyLength()).isEqualTo(3);
	}

	@Test
	void skipsAnInterimContinue() {
		String response = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n";
		ResponseParser parser = new ResponseParser(0);
		parser.reset(false);
		assertThat(parser.feed(ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1)))).isTrue();
		assertThat(parser.status()).isEqualTo(204);
	}

}
