package dev.fortress.bench.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fortress.bench.load.StompSocket;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.system.CpuMeter;
import dev.fortress.bench.system.ProcFs;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebSocket sessions held and one chat message fanned out, measured side by side in one
 * run against one server:
 * <ol>
 * <li><b>held</b>: {@code connections} STOMP sessions (CONNECT with a buyer's token,
 * SUBSCRIBE to one public channel) are opened and held for a while with heart-beats; the
 * server's memory per session and CPU while idle are read from {@code /proc}, then one
 * message proves every session still receives;</li>
 * <li><b>fan-out</b>: the sessions are cut down to {@code subscribers}, then to
 * {@code baseline}, and at each size the same paced series of messages is posted over
 * REST; each delivery's latency runs from just before the POST to the frame's arrival
 * (one clock: sender and receivers are this process). The ratio of the two sizes' p99 is
 * what fan-out to many costs over fan-out to few on the same machine in the same
 * minute.</li>
 * </ol>
 * Each message's text carries its number and send time, so a delivery is matched whatever
 * shape the event around it has.
 */
final class RealtimeScenarios {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern STAMP = Pattern.compile("bench-(\\d+)-(\\d+)");

	private final Settings settings;

	private final Results results;

	private final Buyers buyers;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "stomp-heartbeats");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Deliveries by message number: the latency histogram of each series is built from
	 * it.
	 */
	private final Map<Long, AtomicLong> delivered = new ConcurrentHashMap<>();

	private volatile Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

	RealtimeScenarios(Settings settings, Results results, Buyers buyers) {
		this.settings = settings;
		this.results = results;
		this.buyers = buyers;
	}

	/** Connections held, fan-out subscribers and baseline subscribers of this mode. */
	private int[] sizes() {
		return this.settings.mode().equals("full") ? new int[] { 2000, 1000, 10 } : new int[] { 400, 200, 10 };
	}

	void run(FortressSession session) throws Exception {
		int[] sizes = sizes();
		String channel = session.api
			.expect(201, "POST", "/api/v1/channels", session.admin,
					Map.of("name", "bench-fanout-" + System.nanoTime(), "private", false))
			.text("id");
		for (int i = 0; i < Math.min(sizes[0], this.buyers.size()); i++) {
			String user = subject(this.buyers.tokenFor(i));
			int status = session.api
				.call("PUT", "/api/v1/channels/" + channel + "/members/" + user, session.admin,
						Map.of("role", "MEMBER"))
				.status();
			if (status / 100 != 2) {
				throw new IllegalStateException("adding a member to the bench channel answered " + status);
			}
		}
		URI ws = URI.create("ws://" + session.host + "/ws");
		String destination = "/topic/channels/" + channel;
		long rssBefore = ProcFs.rssKib(session.fortress.pid());
		long opening = System.nanoTime();
		List<StompSocket> sockets = open(ws, destination, sizes[0]);
		double openSeconds = (System.nanoTime() - opening) / 1e9;
		Thread.sleep(2000);
		long rssOpen = ProcFs.rssKib(session.fortress.pid());
		CpuMeter.Sample idleStart = session.cpuSample();
		Duration hold = this.settings.mode().equals("full") ? Duration.ofSeconds(30) : Duration.ofSeconds(10);
		Thread.sleep(hold.toMillis());
		CpuMeter.Usage idle = session.cpuSample().since(idleStart);
		long open = sockets.stream().filter(StompSocket::isOpen).count();
		Series alive = series(session, channel, sockets.size(), 1, Duration.ZERO);
		this.results.notes.add(String.format(
				"WebSockets held: %d STOMP sessions opened in %.1f s, %d still open after %d s of heart-beats; "
						+ "server RSS +%d KiB (%.1f KiB per session); server CPU while idle %.3f cores "
						+ "(%.1f µs per session per second); one message then reached %d of %d (p99 %.1f ms).",
				sockets.size(), openSeconds, open, hold.toSeconds(), rssOpen - rssBefore,
				(rssOpen - rssBefore) / (double) sockets.size(), idle.cores("app"),
				idle.of("app") * 1e6 / sockets.size() / hold.toSeconds(), alive.deliveries(), alive.expected(),
				alive.p99Millis()));
		Duration pace = Duration.ofMillis(200);
		int messages = this.settings.mode().equals("full") ? 100 : 30;
		List<Results.Fanout> fanouts = new ArrayList<>();
		for (int size : new int[] { sizes[1], sizes[2] }) {
			sockets.subList(size, sockets.size()).forEach(StompSocket::close);
			sockets = new ArrayList<>(sockets.subList(0, size));
			Thread.sleep(1000);
			Series series = series(session, channel, size, messages, pace);
			fanouts.add(new Results.Fanout(size, messages, series.expected(), series.deliveries(), series.p50Millis(),
					series.p99Millis(), series.maxMillis(), series.appMicrosPerDelivery()));
		}
		sockets.forEach(StompSocket::close);
		this.results.fanouts.addAll(fanouts);
		if (fanouts.stream().anyMatch((fanout) -> fanout.delivered() < fanout.expected())) {
			this.results.failures.add("fan-out: messages lost " + fanouts);
		}
		if (open < sizes[0] || alive.deliveries() < alive.expected()) {
			this.results.failures.add("held WebSockets: " + open + " of " + sizes[0] + " open, " + alive.deliveries()
					+ " of " + alive.expected() + " received");
		}
	}

	/**
	 * One message after another, {@code pace} apart; waits for every delivery (10 s at
	 * most).
	 */
	private Series series(FortressSession session, String channel, int subscribers, int messages, Duration pace)
			throws Exception {
		this.latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
		this.delivered.clear();
		CpuMeter.Sample first = session.cpuSample();
		for (int n = 0; n < messages; n++) {
			long sent = System.nanoTime();
			this.delivered.put((long) n, new AtomicLong());
			session.api.expect(201, "POST", "/api/v1/channels/" + channel + "/messages", session.admin,
					Map.of("text", "bench-" + n + "-" + sent));
			Thread.sleep(pace.toMillis());
		}
		long expected = (long) subscribers * messages;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (count() < expected && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		CpuMeter.Usage usage = session.cpuSample().since(first);
		long deliveries = count();
		Histogram histogram = this.latencies.copy();
		return new Series(expected, deliveries, histogram.getValueAtPercentile(50) / 1e6,
				histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6,
				usage.microsPer("app", Math.max(deliveries, 1)));
	}

	private long count() {
		return this.delivered.values().stream().mapToLong(AtomicLong::get).sum();
	}

	private record Series(long expected, long deliveries, double p50Millis, double p99Millis, double maxMillis,
			double appMicrosPerDelivery) {
	}

	/**
	 * Opens {@code count} sessions, 64 handshakes in flight at a time, each subscribed.
	 */
	private List<StompSocket> open(URI ws, String destination, int count) throws Exception {
		List<StompSocket> sockets = new ArrayList<>();
		for (int from = 0; from < count; from += 64) {
			List<CompletableFuture<StompSocket>> batch = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + 64); i++) {
				String id = "s" + i;
				batch.add(StompSocket.connect(this.client, ws, this.buyers.tokenFor(i), this::received)
					.thenApplyAsync((socket) -> {
						socket.subscribe(id, destination);
						return socket;
					}));
			}
			for (CompletableFuture<StompSocket> socket : batch) {
				sockets.add(socket.get(90, TimeUnit.SECONDS));
			}
		}
		this.heartbeats.scheduleAtFixedRate(() -> sockets.forEach(StompSocket::heartbeat), 5, 5, TimeUnit.SECONDS);
		return sockets;
	}

	private void received(StompSocket.Frame frame) {
		if (!frame.command().equals("MESSAGE")) {
			return;
		}
		Matcher stamp = STAMP.matcher(frame.body());
		if (!stamp.find() || !frame.body().contains("\"posted\"")) {
			return;
		}
		AtomicLong count = this.delivered.get(Long.parseLong(stamp.group(1)));
		if (count != null) {
			count.incrementAndGet();
			long latency = frame.receivedNanos() - Long.parseLong(stamp.group(2));
			synchronized (this) {
				this.latencies.recordValue(Math.max(0, Math.min(latency, this.latencies.getHighestTrackableValue())));
			}
		}
	}

	/**
	 * The user id an access token is for (its {@code sub}), read without verifying it.
	 */
	static String subject(String token) {
		String payload = token.split("\\.")[1];
		JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
		return claims.path("sub").asString();
	}

}
