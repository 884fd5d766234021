package dev.fortress.bench.load;

import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.1 response parser that keeps only what the benchmark needs: the
 * status, whether the server will close the connection, whether a {@code Retry-After}
 * came with it, and optionally the first bytes of the body. It handles bodies framed by
 * {@code Content-Length}, by chunked transfer coding, or by the end of the connection,
 * and responses split anywhere across reads. It allocates nothing per response.
 */
final class ResponseParser {

	private enum State {

		STATUS_LINE, HEADER_LINE, BODY_FIXED, BODY_UNTIL_CLOSE, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILER, DONE

	}

	private static final int LINE_LIMIT = 512;

	private final byte[] line = new byte[LINE_LIMIT];

	private final byte[] body;

	private State state = State.STATUS_LINE;

	private int lineLength;

	private int status;

	private long contentLength;

	private boolean chunked;

	private boolean close;

	private boolean retryAfter;

	private long remaining;

	private int bodyLength;

	private boolean headRequest;

	/**
	 * @param bodyCapture how many body bytes to keep (0 for none)
	 */
	ResponseParser(int bodyCapture) {
		this.body = new byte[bodyCapture];
	}

	/** Starts a new response; {@code head} says the request was a HEAD (no body). */
	void reset(boolean head) {
		this.state = State.STATUS_LINE;
		this.lineLength = 0;
		this.status = 0;
		this.contentLength = -1;
		this.chunked = false;
		this.close = false;
		this.retryAfter = false;
		this.remaining = 0;
		this.bodyLength = 0;
		this.headRequest = head;
	}

	/**
	 * Consumes bytes from {@code in}; true once the response is complete (bytes after it
	 * are left in the buffer).
	 */
	boolean feed(ByteBuffer in) {
		while (in.hasRemaining() && this.state != State.DONE) {
			switch (this.state) {
				case STATUS_LINE, HEADER_LINE, CHUNK_SIZE, CHUNK_DATA_END, TRAILER -> {
					if (readLine(in)) {
						onLine();
					}
				}
				case BODY_FIXED, CHUNK_DATA -> {
					int n = (int) Math.min(in.remaining(), this.remaining);
					capture(in, n);
					this.remaining -= n;
					if (this.remaining == 0) {
						this.state = this.state == State.BODY_FIXED ? State.DONE : State.CHUNK_DATA_END;
					}
				}
				case BODY_UNTIL_CLOSE -> capture(in, in.remaining());
				default -> throw new IllegalStateException(this.state.name());
			}
		}
		return this.state == State.DONE;
	}

	/**
	 * The connection ended: completes a response whose body runs to the end of the
	 * connection; true if the response is complete.
	 */
	boolean endOfStream() {
		if (this.state == State.BODY_UNTIL_CLOSE) {
			this.state = State.DONE;
		}
		return this.state == State.DONE;
	}

	/** True once anything of the response was read. */
	boolean started() {
		return this.state != State.STATUS_LINE || this.lineLength > 0;
	}

	int status() {
		return this.status;
	}

	boolean closeRequested() {
		return this.close;
	}

	boolean retryAfter() {
		return this.retryAfter;
	}

	byte[] body() {
		return this.body;
	}

	int bodyLength() {
		return this.bodyLength;
	}

	private void capture(ByteBuffer in, int n) {
		int keep = Math.min(n, this.body.length - this.bodyLength);
		if (keep > 0) {
			in.get(this.body, this.bodyLength, keep);
			this.bodyLength += keep;
			n -= keep;
		}
		in.position(in.position() + n);
	}

	/** Reads up to and including LF; true when a whole line (without CR LF) is held. */
	private boolean readLine(ByteBuffer in) {
		while (in.hasRemaining()) {
			byte b = in.get();
			if (b == '\n') {
				if (this.lineLength > 0 && this.lineLength <= LINE_LIMIT && this.line[this.lineLength - 1] == '\r') {
					this.lineLength--;
				}
				return true;
			}
			if (this.lineLength < LINE_LIMIT) {
				this.line[this.lineLength] = b;
			}
			this.lineLength++;
		}
		return false;
	}

	private void onLine() {
		int length = Math.min(this.lineLength, LINE_LIMIT);
		this.lineLength = 0;
		switch (this.state) {
			case STATUS_LINE -> {
				// "HTTP/1.1 200 OK"
				if (length < 12 || !startsWith(this.line, length, "http/1.")) {
					throw new IllegalStateException("not an HTTP/1.x status line");
				}
				this.status = (this.line[9] - '0') * 100 + (this.line[10] - '0') * 10 + (this.line[11] - '0');
				this.close = this.line[7] == '0';
				this.state = State.HEADER_LINE;
			}
			case HEADER_LINE -> {
				if (length == 0) {
					endOfHeaders();
				}
				else {
					header(length);
				}
			}
			case CHUNK_SIZE -> {
				long size = hex(length);
				if (size == 0) {
					this.state = State.TRAILER;
				}
				else {
					this.remaining = size;
					this.state = State.CHUNK_DATA;
				}
			}
			case CHUNK_DATA_END -> this.state = State.CHUNK_SIZE;
			case TRAILER -> {
				if (length == 0) {
					this.state = State.DONE;
				}
			}
			default -> throw new IllegalStateException(this.state.name());
		}
	}

	private void endOfHeaders() {
		if (this.status >= 100 && this.status < 200) {
			// An interim response (100 Continue): the real one follows.
			this.state = State.STATUS_LINE;
			this.contentLength = -1;
			this.chunked = false;
			return;
		}
		if (this.headRequest || this.status == 204 || this.status == 304) {
			this.state = State.DONE;
		}
		else if (this.chunked) {
			this.state = State.CHUNK_SIZE;
		}
		else if (this.contentLength >= 0) {
			this.remaining = this.contentLength;
			this.state = this.contentLength == 0 ? State.DONE : State.BODY_FIXED;
		}
		else {
			this.close = true;
			this.state = State.BODY_UNTIL_CLOSE;
		}
	}

	private void header(int length) {
		if (startsWith(this.line, length, "content-length:")) {
			this.contentLength = decimal(15, length);
		}
		else if (startsWith(this.line, length, "transfer-encoding:")) {
			this.chunked = contains(this.line, 18, length, "chunked");
		}
		else if (startsWith(this.line, length, "connection:")) {
			if (contains(this.line, 11, length, "close")) {
				this.close = true;
			}
			else if (contains(this.line, 11, length, "keep-alive")) {
				this.close = false;
			}
		}
		else if (startsWith(this.line, length, "retry-after:")) {
			this.retryAfter = true;
		}
	}

	private long decimal(int from, int to) {
		long value = 0;
		for (int i = from; i < to; i++) {
			byte b = this.line[i];
			if (b >= '0' && b <= '9') {
				value = value * 10 + (b - '0');
			}
		}
		return value;
	}

	private long hex(int length) {
		long value = 0;
		for (int i = 0; i < length; i++) {
			int digit = Character.digit(this.line[i], 16);
			if (digit < 0) {
				break; // chunk extensions or whitespace
			}
			value = value * 16 + digit;
		}
		return value;
	}

	private static boolean startsWith(byte[] bytes, int length, String lowerCasePrefix) {
		if (length < lowerCasePrefix.length()) {
			return false;
		}
		for (int i = 0; i < lowerCasePrefix.length(); i++) {
			if (Character.toLowerCase(bytes[i]) != lowerCasePrefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean contains(byte[] bytes, int from, int to, String lowerCaseWord) {
		outer: for (int i = from; i <= to - lowerCaseWord.length(); i++) {
			for (int j = 0; j < lowerCaseWord.length(); j++) {
				if (Character.toLowerCase(bytes[i + j]) != lowerCaseWord.charAt(j)) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
