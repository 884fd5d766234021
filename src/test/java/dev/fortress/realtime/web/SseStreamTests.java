package dev.fortress.realtime.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * A stream whose client does not keep up: the socket (a fake output stream) refuses more
 * until the container calls back, and only the newest frame is written then.
 */
class SseStreamTests {

	private final Socket socket = new Socket();

	private final AsyncContext async = mock(AsyncContext.class);

	private final AtomicInteger closed = new AtomicInteger();

	private SseStream stream() throws Exception {
		ServletResponse response = mock(ServletResponse.class);
		given(response.getOutputStream()).willReturn(this.socket);
		given(this.async.getResponse()).willReturn(response);
		SseStream stream = new SseStream(this.async, (s) -> this.closed.incrementAndGet());
		stream.start();
		return stream;
	}

	@Test
	void whileTheSocketIsFullOnlyTheNewestFrameIsKeptAndWrittenWhenItDrains() throws Exception {
		SseStream stream = stream();
		stream.offerInitial(frame("3"), false);
		this.socket.ready = false;
		stream.offer(frame("2"), false);
		stream.offer(frame("1"), false);
		stream.heartbeat();
		stream.offer(frame("0"), false);
		assertThat(this.socket.written()).isEqualTo("3");
		this.socket.ready = true;
		stream.onWritePossible();
		assertThat(this.socket.written()).isEqualTo("30");
		assertThat(this.closed).hasValue(0);
	}

	@Test
	void anUpdateBeforeTheInitialStateWinsAndTheEndingFrameClosesTheStream() throws Exception {
		SseStream stream = stream();
		stream.offer(frame("5"), false);
		stream.offerInitial(frame("9"), false);
		stream.offer(frame("E"), true);
		stream.offer(frame("late"), false);
		assertThat(this.socket.written()).isEqualTo("5E");
		assertThat(this.closed).hasValue(1);
		verify(this.async).complete();
	}

	@Test
	void aWriteErrorClosesTheStreamOnce() throws Exception {
		SseStream stream = stream();
		this.socket.broken = true;
		stream.offer(frame("1"), false);
		stream.offer(frame("2"), false);
		stream.heartbeat();
		assertThat(this.closed).hasValue(1);
	}

	private static byte[] frame(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Accepts writes while ready; the test plays the container's callbacks. */
	private static final class Socket extends ServletOutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private boolean ready = true;

		private boolean broken;

		String written() {
			return this.bytes.toString(StandardCharsets.UTF_8);
		}

		@Override
		public boolean isReady() {
			return this.ready;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

		@Override
		public void write(int b) throws IOException {
			if (this.broken) {
				throw new IOException("Broken pipe");
			}
			this.bytes.write(b);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			if (this.broken) {
				throw new IOException("Broken pipe");
			}
			this.bytes.write(buffer, offset, length);
		}

	}

}
