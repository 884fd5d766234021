package dev.fortress.realtime.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.jspecify.annotations.Nullable;

/**
 * One open {@code text/event-stream} response, written with non-blocking servlet I/O so
 * that a client that does not read never holds up the thread that sends to everyone else.
 * While the socket cannot take more, only the newest frame is kept (a drop counter's
 * latest state replaces the ones before) and it is written when the container says the
 * socket is writable again. The stream is closed for good on the first write error, on
 * the container's error or timeout, or after the frame that ends it.
 */
final class SseStream implements WriteListener, AsyncListener {

	private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

	private final AsyncContext async;

	private final ServletOutputStream out;

	private final Consumer<SseStream> onClose;

	private byte @Nullable [] pending;

	private boolean endAfterPending;

	private boolean updated;

	private boolean closed;

	SseStream(AsyncContext async, Consumer<SseStream> onClose) throws IOException {
		this.async = async;
		this.out = async.getResponse().getOutputStream();
		this.onClose = onClose;
	}

	/** Starts non-blocking writes: call once, before the stream is offered anything. */
	void start() {
		this.async.addListener(this);
		this.out.setWriteListener(this);
	}

	/**
	 * The state read when the stream opened, unless an update has been offered since:
	 * that one is newer. {@code end}: nothing can follow it, the stream closes after it.
	 */
	synchronized void offerInitial(byte[] frame, boolean end) {
		if (!this.updated && !this.closed) {
			this.pending = frame;
			this.endAfterPending = end;
			flushPending();
		}
	}

	/** An update; {@code end}: the last one, the stream closes after it. */
	synchronized void offer(byte[] frame, boolean end) {
		if (this.closed || this.endAfterPending) {
			return;
		}
		this.updated = true;
		this.pending = frame;
		this.endAfterPending = end;
		flushPending();
	}

	/**
	 * A comment line, so proxies see traffic on a quiet stream; skipped while it is busy.
	 */
	synchronized void heartbeat() {
		if (!this.closed && this.pending == null) {
			this.pending = HEARTBEAT;
			flushPending();
		}
	}

	/** Ends the stream now, whatever it still had to send. */
	void end() {
		close(true);
	}

	@Override
	public synchronized void onWritePossible() {
		flushPending();
	}

	private void flushPending() {
		try {
			while (this.pending != null && !this.closed && this.out.isReady()) {
				byte[] frame = this.pending;
				this.pending = null;
				this.out.write(frame);
				if (this.out.isReady()) {
					this.out.flush();
				}
				if (this.pending == null && this.endAfterPending) {
					close(true);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the client went away (a recycled response may fail in other ways than with
			// an IOException): nothing to tell anyone, and never the thread's problem
			close(true);
		}
	}

	@Override
	public void onError(Throwable failure) {
		close(true);
	}

	@Override
	public void onError(AsyncEvent event) {
		close(false);
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		close(true);
	}

	@Override
	public void onComplete(AsyncEvent event) {
		close(false);
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

	private void close(boolean complete) {
		boolean first;
		synchronized (this) {
			first = !this.closed;
			this.closed = true;
			this.pending = null;
		}
		if (first) {
			this.onClose.accept(this);
		}
		if (complete && first) {
			try {
				this.async.complete();
			}
			catch (IllegalStateException ex) {
				// already completed by the container
			}
		}
	}

}
