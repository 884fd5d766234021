package dev.fortress.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator against a real local HTTP server whose behaviour the test controls. */
class LoadEngineTests {

	private HttpServer server;

	private ExecutorService executor;

	private final AtomicInteger requests = new AtomicInteger();

	/** While now is before this instant (nanoTime), every request waits for it. */
	private final AtomicLong stalledUntil = new AtomicLong();

	@BeforeEach
	void start() throws IOException {
		// Without it the JDK server's separate header and body writes meet the client's
		// delayed ACK: 40 ms a request.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
		this.executor = Executors.newCachedThreadPool();
		this.server.setExecutor(this.executor);
		this.server.createContext("/", exchange -> {
			int n = this.requests.incrementAndGet();
			long wait = this.stalledUntil.get() - System.nanoTime();
			if (wait > 0) {
				sleep(wait);
			}
			byte[] body = ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
			int status = exchange.getRequestURI().getPath().equals("/fail") ? 503 : 200;
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Test
	void aBurstSendsExactlyTheRequestsAskedFor() throws Exception {
		LoadResult result = new LoadEngine(address(), RequestSource.get("t", "/", ""), LoadPlan.burst(50, 2_000)).run();
		assertThat(result.total("200")).isEqualTo(2_000);
		assertThat(this.requests.get()).isEqualTo(2_000);
		assertThat(result.good()).isEqualTo(2_000);
		assertThat(result.latency().count()).isEqualTo(2_000);
	}

	@Test
	void countsEveryStatusAndToldApartA503WithoutRetryAfter() throws Exception {
		LoadResult result = new LoadEngine(address(), RequestSource.get("t", "/fail", ""), LoadPlan.burst(4, 100))
			.run();
		assertThat(result.total("503 without Retry-After")).isEqualTo(100);
		assertThat(result.good()).isZero();
	}

	@Test
	void anOpenLoopOffersItsRateAndChargesAStallToEveryRequestItHeldUp() throws Exception {
		LoadEngine engine = new LoadEngine(address(), RequestSource.get("t", "/", ""),
				LoadPlan.open(200, 400, Duration.ZERO, Duration.ofSeconds(3)));
		Thread stall = new Thread(() -> {
			try {
				long start = engine.awaitStart();
				Thread.sleep(1000);
				this.stalledUntil.set(start + Duration.ofSeconds(2).toNanos());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		stall.start();
		LoadResult result = engine.run();
		stall.join();
		// 600 arrivals were due; the ~200 due during the one-second stall waited 0..1 s
		// each, so at least a quarter of all answers took over 250 ms. A generator that
		// measured from the actual send (or waited for answers before sending) would see
		// only a handful of slow requests.
		assertThat(result.scheduled()).isBetween(595L, 605L);
		assertThat(result.offered()).isBetween(195.0, 205.0);
		assertThat(result.latency().p90()).isGreaterThan(250);
		assertThat(result.latency().p50()).isLessThan(50);
		assertThat(result.latency().max()).isBetween(900.0, 1500.0);
	}

	@Test
	void aClosedLoopHidesTheStallThatTheOpenLoopReveals() throws Exception {
		LoadEngine engine = new LoadEngine(address(), RequestSource.get("t", "/", ""),
				LoadPlan.closed(4, Duration.ZERO, Duration.ofSeconds(3)));
		Thread stall = new Thread(() -> {
			try {
				long start = engine.awaitStart();
				Thread.sleep(1000);
				this.stalledUntil.set(start + Duration.ofSeconds(2).toNanos());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		stall.start();
		LoadResult result = engine.run();
		stall.join();
		// Only the 4 requests in flight saw the stall: why peak numbers come from the
		// closed loop but latency claims from the open loop.
		assertThat(result.latency().max()).isGreaterThan(900);
		assertThat(result.latency().p99()).isLessThan(100);
	}

	private InetSocketAddress address() {
		return new InetSocketAddress("127.0.0.1", this.server.getAddress().getPort());
	}

	private static void sleep(long nanos) {
		try {
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
