package dev.fortress.payments.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox provider's own HTTP server: the JDK's built-in server, bound to the
 * loopback interface only, on its own port, with its own bounded pool of threads. It is
 * not reachable from another machine, and it shares nothing with the API's server: a
 * burst of buyers holding every API thread cannot starve the provider they are waiting
 * for. A request that finds every thread busy and the queue full has its connection
 * closed, as an overloaded provider would; the payments client's bulkhead keeps the load
 * below that.
 */
public final class SandboxServer {

	private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);

	/** Requests that may wait for a thread; beyond that the provider is overloaded. */
	private static final int QUEUE = 256;

	private final HttpServer server;

	private final ThreadPoolExecutor threads;

	private final String apiKey;

	SandboxServer(int port, int threads, String apiKey, HttpHandler handler) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), QUEUE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The sandbox payment provider cannot listen on loopback port " + port, ex);
		}
		this.threads = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(QUEUE),
				new NamedThreads());
		this.server.setExecutor(this.threads);
		this.server.createContext("/", handler);
		this.server.start();
		this.apiKey = apiKey;
		log.info("Sandbox payment provider listening on {} (loopback only, {} threads)", baseUri(), threads);
	}

	/**
	 * Where the provider's API is, e.g. {@code http://127.0.0.1:40123/sandbox-psp/v1}.
	 */
	public URI baseUri() {
		InetSocketAddress address = address();
		try {
			return new URI("http", null, address.getAddress().getHostAddress(), address.getPort(), SandboxApi.BASE,
					null, null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The key the provider expects in {@code X-Api-Key}: handed to the in-process client,
	 * never written down.
	 */
	public String apiKey() {
		return this.apiKey;
	}

	InetSocketAddress address() {
		return this.server.getAddress();
	}

	void stop() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	private static final class NamedThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable work) {
			Thread thread = new Thread(work, "sandbox-psp-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
