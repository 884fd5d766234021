import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fortress.bench.load.StompSocket;
import dev.fortress.bench.seed.Api;

/**
 * What already works across the two instances of deploy/local/up.sh, shown against the
 * running topology (run by deploy/local/check.sh, with the benchmark harness on the class
 * path: its {@link Api} is how the drills and the benchmark create accounts, products,
 * drops and orders, retrying 429 and 503 while seeding).
 * <ol>
 * <li>An Idempotency-Key used on instance 1 and then on instance 2 answers with the same
 * order (the key lives in PostgreSQL, the token verifies on both).</li>
 * <li>A checkout burst split across both instances sells exactly the stock: every buyer
 * retries with the same key until the answer is final, then the answers are compared with
 * the database and with the admin API.</li>
 * <li>A rate limit shared across instances: one user alternates between the instances; a
 * shared bucket lets through about its capacity, per-instance buckets about twice that
 * (SKIPPED without Redis, which the buckets are shared through).</li>
 * <li>Events produced on one instance are consumed once: paid orders placed on instance 1
 * each get one shipment request, and the fulfilment consumer group, spread over both
 * instances, processed exactly as many events as there were orders (SKIPPED without
 * Kafka).</li>
 * <li>A cache invalidation reaches both instances: a product cached on both, then edited
 * on instance 1, reads fresh on instance 2 at once, not after its 60 s TTL (SKIPPED
 * without Redis).</li>
 * </ol>
 * Exits 1 when a check fails. Arguments: base URL of instance 1, of instance 2, admin email,
 * admin password, JDBC URL of the database; optional buyers and stock (200, 50).
 */
public class Check {

	private static final String PASSWORD = "check-buyer-passphrase-5521";

	private static final Set<Integer> RETRIED = Set.of(429, 503, 500, 502, 504);

	private final String[] bases;

	private final Api[] apis;

	private final String jdbcUrl;

	private final String admin;

	private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

	private final List<String> failures = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	Check(String base1, String base2, String adminEmail, String adminPassword, String jdbcUrl) {
		this.bases = new String[] { base1, base2 };
		this.apis = new Api[] { new Api(base1), new Api(base2) };
		this.jdbcUrl = jdbcUrl;
		this.admin = this.apis[0].login(adminEmail, adminPassword);
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 5) {
			System.err.println("usage: Check <base1> <base2> <admin email> <admin password> <jdbc url> [buyers] [stock]");
			System.exit(2);
		}
		int buyers = args.length > 5 ? Integer.parseInt(args[5]) : 200;
		int stock = args.length > 6 ? Integer.parseInt(args[6]) : 50;
		Check check = new Check(args[0], args[1], args[2], args[3], args[4]);
		check.eventsConsumedOnce(20);
		check.cacheInvalidationAcrossInstances();
		check.liveAcrossInstances();
		check.idempotencyAcrossInstances();
		check.burstAcrossInstances(buyers, stock);
		check.sharedRateLimit();
		System.out.println();
		if (check.failures.isEmpty()) {
			System.out.println("check: PASS (every check that can run passed)");
		}
		else {
			System.out.println("check: FAIL");
			check.failures.forEach((failure) -> System.out.println("  FAIL: " + failure));
			System.exit(1);
		}
	}

	// --- (d) -------------------------------------------------------------------------------

	static final String FULFILMENT = "fortress.fulfilment";

	void eventsConsumedOnce(int orders) throws Exception {
		header("(d) events produced on instance 1, consumed once by a group spread over both instances");
		if (Double.isNaN(consumed(0, FULFILMENT)) || Double.isNaN(consumed(1, FULFILMENT))) {
			System.out.println("  SKIPPED: the instances run without Kafka (deploy/local/up.sh --kafka)");
			return;
		}
		double[] before = settledConsumed();
		String sku = "CHECK-EVENTS-" + this.run.toUpperCase();
		this.apis[0].createProduct(this.admin, "Check events " + this.run, "Check", sku, 5_000, orders);
		String token = account(0, "check-events-" + this.run + "@local.example");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			Api.Reply placed = this.apis[0].call("POST", "/api/v1/orders", token,
					Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment", Map.of("token", "tok_visa")),
					Map.of("Idempotency-Key", "check-events-" + this.run + "-" + i));
			if (placed.status() != 201) {
				verdict(false, "(d) events consumed once", "an order answered " + placed.status() + ": " + placed.body());
				return;
			}
			ids.add(placed.text("id"));
		}
		String list = String.join(",", ids);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		long shipments = 0;
		while (System.nanoTime() < deadline) {
			shipments = count("select count(*) from shipments where order_id::text = any(string_to_array(?, ','))",
					list);
			if (shipments >= orders) {
				break;
			}
			Thread.sleep(250);
		}
		double[] after = settledConsumed();
		long byOne = Math.round(after[0] - before[0]);
		long byTwo = Math.round(after[1] - before[1]);
		System.out.printf("  %d paid orders placed on instance 1; shipment requests: %d%n", orders, shipments);
		System.out.printf("  group %s processed: %d on instance 1, %d on instance 2 (partitions spread over both)%n",
				FULFILMENT, byOne, byTwo);
		verdict(shipments == orders && byOne + byTwo == orders, "(d) events consumed once",
				shipments + " shipment requests and " + (byOne + byTwo) + " consumptions for " + orders
						+ " OrderPaid events");
	}

	/** The fulfilment group's consumption counters of both instances, once they stop moving. */
	double[] settledConsumed() throws Exception {
		double[] last = { consumed(0, FULFILMENT), consumed(1, FULFILMENT) };
		for (int i = 0; i < 60; i++) {
			Thread.sleep(1000);
			double[] now = { consumed(0, FULFILMENT), consumed(1, FULFILMENT) };
			if (now[0] == last[0] && now[1] == last[1]) {
				return now;
			}
			last = now;
		}
		return last;
	}

	/** {@code fortress_events_kafka_consumed_total} of one group on one instance; NaN if absent. */
	double consumed(int instance, String group) throws Exception {
		return metric(instance, "fortress_events_kafka_consumed_total", "group=\"" + group + "\"");
	}

	double metric(int instance, String name, String label) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.bases[instance] + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		String body = this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		double sum = Double.NaN;
		for (String line : body.split("\n")) {
			if (line.startsWith(name + "{") && line.contains(label)) {
				double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				sum = Double.isNaN(sum) ? value : sum + value;
			}
		}
		return sum;
	}

	// --- (e) -------------------------------------------------------------------------------

	void cacheInvalidationAcrossInstances() throws Exception {
		header("(e) a product cached on both instances, edited on instance 1, read on instance 2");
		String remote = "origin=\"remote\"";
		if (!Boolean.getBoolean("check.redis")) {
			System.out.println("  SKIPPED: the instances run without Redis (no invalidation broadcast)");
			return;
		}
		String sku = "CHECK-CACHE-" + this.run.toUpperCase();
		String id = this.apis[0].createProduct(this.admin, "Check cache " + this.run, "Check", sku, 4_000, 5);
		String path = "/api/v1/products/" + id;
		for (int instance = 0; instance < 2; instance++) {
			this.apis[instance].call("GET", path, null, null);
			this.apis[instance].call("GET", path, null, null);
		}
		double before = metric(1, "fortress_cache_invalidations_total", remote);
		String name = "Check cache " + this.run + " renamed";
		Api.Reply edited = this.apis[0].call("PATCH", path, this.admin, Map.of("name", name));
		long edit = System.nanoTime();
		String seen = "";
		while (System.nanoTime() - edit < Duration.ofSeconds(5).toNanos()) {
			seen = this.apis[1].call("GET", path, null, null).text("name");
			if (name.equals(seen)) {
				break;
			}
			Thread.sleep(20);
		}
		double waited = (System.nanoTime() - edit) / 1e6;
		double invalidations = metric(1, "fortress_cache_invalidations_total", remote) - before;
		System.out.printf("  edit on instance 1: %d; instance 2 read the new name after %.0f ms (TTL 60 s);"
				+ " remote invalidations received by instance 2: %.0f%n", edited.status(), waited, invalidations);
		verdict(edited.status() == 200 && name.equals(seen) && waited < 2000, "(e) cache invalidation reaches both",
				"instance 2 read \"" + seen + "\" " + Math.round(waited) + " ms after the edit");
	}

	// --- (f) -------------------------------------------------------------------------------

	void liveAcrossInstances() throws Exception {
		header("(f) a chat message posted on instance 1 reaches WebSocket subscribers on instance 2 and via nginx");
		if (!Boolean.getBoolean("check.redis")) {
			System.out.println("  SKIPPED: the instances run without Redis (no fan-out between them)");
			return;
		}
		String channel = this.apis[0]
			.expect(201, "POST", "/api/v1/channels", this.admin,
					Map.of("name", "check-live-" + this.run, "private", true))
			.text("id");
		String destination = "/topic/channels/" + channel;
		HttpClient client = HttpClient.newHttpClient();
		LinkedBlockingQueue<StompSocket.Frame> direct = new LinkedBlockingQueue<>();
		LinkedBlockingQueue<StompSocket.Frame> proxied = new LinkedBlockingQueue<>();
		StompSocket second = StompSocket.connect(client, ws(this.bases[1]), this.admin, direct::add)
			.get(30, TimeUnit.SECONDS);
		StompSocket viaNginx = StompSocket.connect(client, ws(System.getProperty("check.nginx")), this.admin, proxied::add)
			.get(30, TimeUnit.SECONDS);
		second.subscribe("f1", destination);
		viaNginx.subscribe("f2", destination);
		Thread.sleep(500);
		String text = "check-live-" + this.run;
		long posted = System.nanoTime();
		Api.Reply reply = this.apis[0].call("POST", "/api/v1/channels/" + channel + "/messages", this.admin,
				Map.of("text", text));
		StompSocket.Frame onSecond = awaitText(direct, text);
		StompSocket.Frame onProxy = awaitText(proxied, text);
		second.close();
		viaNginx.close();
		System.out.printf("  POST on instance 1: %d; instance 2 received it %s; via nginx %s%n", reply.status(),
				onSecond == null ? "NOT within 5 s" : "after " + (onSecond.receivedNanos() - posted) / 1_000_000 + " ms",
				onProxy == null ? "NOT within 5 s" : "after " + (onProxy.receivedNanos() - posted) / 1_000_000 + " ms");
		verdict(reply.status() == 201 && onSecond != null && onProxy != null, "(f) live messages across instances",
				"post " + reply.status() + ", instance 2 " + (onSecond != null) + ", nginx " + (onProxy != null));
	}

	private static URI ws(String base) {
		return URI.create(base.replaceFirst("^http", "ws") + "/ws");
	}

	private static StompSocket.Frame awaitText(LinkedBlockingQueue<StompSocket.Frame> frames, String text)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (System.nanoTime() < deadline) {
			StompSocket.Frame frame = frames.poll(100, TimeUnit.MILLISECONDS);
			if (frame != null && frame.body().contains(text)) {
				return frame;
			}
		}
		return null;
	}

	// --- (a) -------------------------------------------------------------------------------

	void idempotencyAcrossInstances() throws SQLException {
		header("(a) one Idempotency-Key, instance 1 then instance 2");
		String sku = "CHECK-IDEM-" + this.run.toUpperCase();
		this.apis[0].createProduct(this.admin, "Check pair " + this.run, "Check", sku, 12_000, 10);
		String token = account(0, "check-idem-" + this.run + "@local.example");
		String key = "check-idem-" + this.run;
		Map<String, Object> body = Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "payment",
				Map.of("token", "tok_visa"));
		Api.Reply first = this.apis[0].call("POST", "/api/v1/orders", token, body, Map.of("Idempotency-Key", key));
		Api.Reply second = this.apis[1].call("POST", "/api/v1/orders", token, body, Map.of("Idempotency-Key", key));
		String id1 = first.text("id");
		String id2 = second.text("id");
		System.out.printf("  instance 1: %d %s %s%n", first.status(), id1, first.text("status"));
		System.out.printf("  instance 2: %d %s %s (same key, same body, token issued by instance 1)%n",
				second.status(), id2, second.text("status"));
		long orders = count("select count(*) from orders o join order_lines l on l.order_id = o.id where l.sku = ?",
				sku);
		System.out.printf("  orders for %s in the database: %d%n", sku, orders);
		boolean ok = first.status() == 201 && second.status() == 201 && !id1.isEmpty() && id1.equals(id2)
				&& orders == 1;
		verdict(ok, "(a) idempotency across instances",
				"answers " + first.status() + "/" + second.status() + ", ids " + id1 + " / " + id2 + ", " + orders
						+ " orders stored");
	}

	// --- (b) -------------------------------------------------------------------------------

	record Outcome(int buyer, int instance, int firstStatus, int finalStatus, String orderId, String problem,
			int attempts) {
	}

	void burstAcrossInstances(int buyers, int stock) throws Exception {
		header("(b) a checkout burst split across both instances: " + buyers + " buyers, " + stock + " units");
		String sku = "CHECK-BURST-" + this.run.toUpperCase();
		this.apis[0].createProduct(this.admin, "Check drop " + this.run, "Check", sku, 9_900, stock);
		UUID drop = this.apis[0].createDrop(this.admin, sku, stock, 1);
		long started = System.nanoTime();
		List<String> tokens = accounts(buyers);
		System.out.printf("  %d buyers ready in %.1f s (registered on one instance, logged in on the other)%n",
				tokens.size(), (System.nanoTime() - started) / 1e9);

		ExecutorService pool = Executors.newFixedThreadPool(buyers);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Outcome>> futures = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			int buyer = i;
			futures.add(pool.submit(() -> {
				go.await();
				return buy(buyer, buyer % 2, tokens.get(buyer), drop, "check-burst-" + this.run + "-" + buyer);
			}));
		}
		started = System.nanoTime();
		go.countDown();
		List<Outcome> outcomes = new ArrayList<>();
		for (Future<Outcome> future : futures) {
			outcomes.add(future.get());
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - started) / 1e9;

		Map<String, Integer> byAnswer = new LinkedHashMap<>();
		int[] placedOn = new int[2];
		int shedFirst = 0;
		Set<String> ids = new HashSet<>();
		int unanswered = 0;
		for (Outcome outcome : outcomes) {
			String answer = outcome.finalStatus() + (outcome.problem().isEmpty() ? "" : " " + outcome.problem());
			byAnswer.merge(answer, 1, Integer::sum);
			if (outcome.finalStatus() == 201) {
				placedOn[outcome.instance()]++;
				ids.add(outcome.orderId());
			}
			if (outcome.firstStatus() == 503) {
				shedFirst++;
			}
			if (!(outcome.finalStatus() == 201 || outcome.finalStatus() == 402
					|| (outcome.finalStatus() == 409 && outcome.problem().equals("sold-out")))) {
				unanswered++;
			}
		}
		int acknowledged = placedOn[0] + placedOn[1];
		System.out.printf("  burst answered in %.1f s; final answers: %s%n", seconds, byAnswer);
		System.out.printf("  placed through instance 1: %d, instance 2: %d; first answer 503 (shed, retried): %d%n",
				placedOn[0], placedOn[1], shedFirst);

		long live = count("select count(*) from orders o join order_lines l on l.order_id = o.id"
				+ " where l.sku = ? and o.status in ('PAID', 'PENDING_PAYMENT')", sku);
		long units = count("select coalesce(sum(l.quantity), 0) from orders o join order_lines l on l.order_id = o.id"
				+ " where l.sku = ? and o.status in ('PAID', 'PENDING_PAYMENT')", sku);
		long onHand = count("select on_hand from stock where sku = ?", sku);
		long reserved = count("select reserved from stock where sku = ?", sku);
		System.out.printf("  database: %d live orders, %d units; stock on_hand %d, reserved %d%n", live, units, onHand,
				reserved);
		Api.Reply dropNow = this.apis[1].call("GET", "/api/v1/drops/" + drop, null, null);
		Api.Reply inventory = this.apis[1].call("GET", "/api/v1/inventory/" + sku, this.admin, null);
		System.out.printf("  API (instance 2): drop %s, available %s; inventory %s%n", dropNow.text("status"),
				dropNow.body().path("available").asString(), inventory.body());

		List<String> problems = new ArrayList<>();
		if (acknowledged != stock) {
			problems.add(acknowledged + " orders acknowledged for " + stock + " units");
		}
		if (ids.size() != acknowledged) {
			problems.add((acknowledged - ids.size()) + " order ids acknowledged twice");
		}
		if (live != acknowledged || units != acknowledged) {
			problems.add("database holds " + live + " live orders (" + units + " units) for " + acknowledged
					+ " acknowledged");
		}
		if (unanswered > 0) {
			problems.add(unanswered + " buyers without a final answer");
		}
		if (!"0".equals(dropNow.body().path("available").asString())) {
			problems.add("the drop still shows " + dropNow.body().path("available").asString() + " available");
		}
		if (stock - onHand + reserved != units) {
			problems.add("stock does not add up: on_hand " + onHand + ", reserved " + reserved + ", " + units
					+ " units sold of " + stock);
		}
		verdict(problems.isEmpty(), "(b) burst across instances sells exactly the stock",
				problems.isEmpty() ? acknowledged + " sold of " + stock + ", no oversell, no lost order"
						: String.join("; ", problems));
	}

	/** One buyer's Buy, retried with the same key until the answer is final (at most 60 s). */
	Outcome buy(int buyer, int instance, String token, UUID drop, String key) throws InterruptedException {
		Map<String, Object> body = Map.of("dropId", drop.toString(), "quantity", 1, "payment",
				Map.of("token", "tok_visa"));
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		int first = 0;
		int attempts = 0;
		while (true) {
			attempts++;
			int status;
			Api.Reply reply = null;
			try {
				reply = this.apis[instance].once("POST", "/api/v1/orders", token, body, Map.of("Idempotency-Key", key));
				status = reply.status();
			}
			catch (IllegalStateException ex) {
				status = 0;
			}
			if (first == 0) {
				first = status;
			}
			String problem = reply == null ? "io-error" : slug(reply.text("type"));
			boolean inUse = status == 409 && !"sold-out".equals(problem);
			if ((!RETRIED.contains(status) && status != 0 && !inUse) || System.nanoTime() > deadline) {
				return new Outcome(buyer, instance, first, status, reply == null ? "" : reply.text("id"), problem,
						attempts);
			}
			Thread.sleep(200 + ThreadLocalRandom.current().nextInt(300));
		}
	}

	// --- (c) -------------------------------------------------------------------------------

	void sharedRateLimit() throws Exception {
		header("(c) a rate limit shared across instances");
		String token = account(1, "check-limit-" + this.run + "@local.example");
		HttpResponse<String> probe = get(0, "/api/v1/me", token);
		String policy = probe.headers().firstValue("RateLimit-Policy").orElse("");
		Matcher quota = Pattern.compile("q=(\\d+)").matcher(policy);
		if (probe.statusCode() != 200 || !quota.find()) {
			verdict(false, "(c) shared rate limit", "GET /api/v1/me answered " + probe.statusCode()
					+ " without a RateLimit-Policy quota (" + policy + ")");
			return;
		}
		int limit = Integer.parseInt(quota.group(1));
		Matcher window = Pattern.compile("w=(\\d+)").matcher(policy);
		int windowSeconds = window.find() ? Integer.parseInt(window.group(1)) : 60;
		int requests = 2 * limit + 20;
		int[] allowed = new int[2];
		int[] limited = new int[2];
		allowed[0]++;
		long started = System.nanoTime();
		for (int i = 1; i < requests; i++) {
			int instance = i % 2;
			int status = get(instance, "/api/v1/me", token).statusCode();
			if (status == 200) {
				allowed[instance]++;
			}
			else if (status == 429) {
				limited[instance]++;
			}
			else {
				verdict(false, "(c) shared rate limit", "GET /api/v1/me answered " + status);
				return;
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		int total = allowed[0] + allowed[1];
		// The bucket refills while the requests run (capacity per window, continuously): one
		// shared bucket lets through its capacity plus that refill, one bucket per instance
		// about twice as much.
		int refill = (int) Math.ceil(seconds * limit / windowSeconds);
		int shared = limit + refill;
		System.out.printf("  policy %s; %d requests in %.1f s, alternating: allowed %d + %d = %d, 429 %d + %d"
				+ " (one shared bucket would allow about %d)%n", policy, requests, seconds, allowed[0], allowed[1],
				total, limited[0], limited[1], shared);
		if (!Boolean.getBoolean("check.redis")) {
			System.out.printf("  -> without Redis each instance keeps its own bucket: %d allowed for a limit of %d%n",
					total, limit);
			System.out.println("  SKIPPED: the instances run without Redis (buckets are shared through it)");
		}
		else {
			verdict(total >= limit && total <= shared + limit / 20 + 5, "(c) shared rate limit",
					total + " allowed across both instances for a limit of " + limit + " (+" + refill
							+ " refilled meanwhile)");
		}
	}

	HttpResponse<String> get(int instance, String path, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.bases[instance] + path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	// --- accounts, the database, reporting ---------------------------------------------------

	/** Registers on one instance and logs in on the other: the token must work on both. */
	String account(int registerOn, String email) {
		this.apis[registerOn].register(email, PASSWORD, "Check buyer");
		return this.apis[1 - registerOn].login(email, PASSWORD);
	}

	/**
	 * Buyer accounts (kept across runs: an existing one is a 409 and is logged in), a few at
	 * a time on each instance (each hashes at most a few passwords at once).
	 */
	List<String> accounts(int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String email = "check-buyer-" + i + "@local.example";
				int instance = i % 2;
				futures.add(pool.submit(() -> account(instance, email)));
			}
			List<String> tokens = new ArrayList<>();
			for (Future<String> future : futures) {
				tokens.add(future.get());
			}
			return tokens;
		}
		finally {
			pool.shutdownNow();
		}
	}

	long count(String sql, String parameter) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, "postgres", "");
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getLong(1) : -1;
			}
		}
	}

	static String slug(String type) {
		return type.isEmpty() ? "" : type.substring(type.lastIndexOf('/') + 1);
	}

	static void header(String title) {
		System.out.println();
		System.out.println(title);
	}

	void verdict(boolean ok, String name, String detail) {
		System.out.println("  " + (ok ? "PASS" : "FAIL") + "  " + name + ": " + detail);
		if (!ok) {
			this.failures.add(name + ": " + detail);
		}
	}

}
