package dev.fortress.bench.grpc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import fortress.drop.v1.Drop;
import fortress.drop.v1.DropProto;
import fortress.drop.v1.GetDropRequest;
import fortress.drop.v1.Order;
import fortress.drop.v1.OrderStatus;
import fortress.drop.v1.PlaceOrderRequest;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same two calls over gRPC and over REST against one running Fortress, in one run:
 * {@code GetDrop} (a cached public read) and {@code PlaceOrder} (a paid checkout of one
 * unit from a drop, a new idempotency key each). Each scenario is a closed loop of
 * {@code --concurrency} threads; the protocols take turns (REST then gRPC for the read,
 * gRPC then REST for checkout) after a warm-up of every scenario, so drift of the machine
 * does not favour one. Reports throughput, p50 and p99, and CPU per request of the
 * server JVM, of its PostgreSQL and of this client, read from {@code /proc} at the edges of
 * each measured window.
 * <p>
 * Arguments: {@code baseUrl grpcPort appPid postgresDataDir reportFile} and optionally
 * {@code --concurrency N --warmup S --measure S}.
 */
public final class GrpcVsRest {

	private static final String PASSWORD = "correct-horse-battery-staple";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MethodDescriptor<GetDropRequest, Drop> GET_DROP = method("GetDrop",
			GetDropRequest.getDefaultInstance(), Drop.getDefaultInstance());

	private static final MethodDescriptor<PlaceOrderRequest, Order> PLACE_ORDER = method("PlaceOrder",
			PlaceOrderRequest.getDefaultInstance(), Order.getDefaultInstance());

	private final String base;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ManagedChannel channel;

	private final Processes processes;

	private final AtomicLong keys = new AtomicLong();

	private GrpcVsRest(String base, int grpcPort, Processes processes) {
		this.base = base;
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
		this.processes = processes;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 5) {
			System.err.println("usage: GrpcVsRest baseUrl grpcPort appPid postgresDataDir reportFile "
					+ "[--concurrency N] [--warmup S] [--measure S]");
			System.exit(2);
		}
		int concurrency = 16;
		int warmup = 5;
		int measure = 10;
		for (int i = 5; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
				case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
				case "--measure" -> measure = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		Processes processes = new Processes(Long.parseLong(args[2]), Path.of(args[3]));
		GrpcVsRest bench = new GrpcVsRest(args[0], Integer.parseInt(args[1]), processes);
		try {
			String report = bench.run(concurrency, Duration.ofSeconds(warmup), Duration.ofSeconds(measure));
			Files.writeString(Path.of(args[4]), report);
			System.out.println(report);
		}
		finally {
			bench.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private String run(int concurrency, Duration warmup, Duration measure) throws Exception {
		String admin = login("admin@example.com");
		String dropId = drop(admin);
		List<String> buyers = new ArrayList<>();
		for (int i = 0; i < Math.min(concurrency, 16); i++) {
			buyers.add(buyer());
		}
		Map<String, Call> calls = Map.of("GetDrop REST", worker -> restGetDrop(dropId), "GetDrop gRPC",
				worker -> grpcGetDrop(dropId), "PlaceOrder REST",
				worker -> restPlaceOrder(dropId, buyers.get(worker % buyers.size())), "PlaceOrder gRPC",
				worker -> grpcPlaceOrder(dropId, buyers.get(worker % buyers.size())));
		List<String> order = List.of("GetDrop REST", "GetDrop gRPC", "PlaceOrder gRPC", "PlaceOrder REST");
		for (String name : order) {
			System.err.printf("warm-up %s (%d s)%n", name, warmup.toSeconds());
			load(calls.get(name), concurrency, warmup, false);
		}
		List<Measured> results = new ArrayList<>();
		for (String name : order) {
			System.err.printf("measuring %s (%d s)%n", name, measure.toSeconds());
			results.add(load(calls.get(name), concurrency, measure, true).named(name));
		}
		return report(results, concurrency, measure);
	}

	/** Runs the call in a closed loop on {@code concurrency} threads for the window. */
	private Measured load(Call call, int concurrency, Duration window, boolean measured) throws Exception {
		Recorder recorder = new Recorder(3);
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(concurrency);
		long[] deadline = new long[1];
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < concurrency; t++) {
			int worker = t;
			Thread thread = new Thread(() -> {
				try {
					start.await();
					while (System.nanoTime() < deadline[0]) {
						long began = System.nanoTime();
						boolean success;
						try {
							success = call.run(worker);
						}
						catch (Exception ex) {
							success = false;
						}
						recorder.recordValue(Math.max(1, (System.nanoTime() - began) / 1000));
						(success ? ok : failed).incrementAndGet();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			}, "load-" + t);
			thread.start();
			threads.add(thread);
		}
		Processes.Cpu before = measured ? this.processes.cpu() : null;
		long began = System.nanoTime();
		deadline[0] = began + window.toNanos();
		start.countDown();
		done.await();
		long elapsed = System.nanoTime() - began;
		Processes.Cpu after = measured ? this.processes.cpu() : null;
		Histogram histogram = recorder.getIntervalHistogram();
		return new Measured(null, ok.get(), failed.get(), elapsed, histogram,
				measured ? after.minus(before) : null);
	}

	private boolean restGetDrop(String dropId) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + "/api/v1/drops/" + dropId)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() == 200 && JSON.readTree(response.body()).path("available").isInt();
	}

	private boolean grpcGetDrop(String dropId) {
		Drop drop = ClientCalls.blockingUnaryCall(this.channel, GET_DROP, options(),
				GetDropRequest.newBuilder().setId(dropId).build());
		return drop.getId().equals(dropId);
	}

	private boolean restPlaceOrder(String dropId, String token) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create(this.base + "/api/v1/orders"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "bench-rest-" + this.keys.incrementAndGet())
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"dropId\":\"" + dropId + "\",\"quantity\":1,\"payment\":{\"token\":\"tok_visa\"}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode() == 201 && "PAID".equals(JSON.readTree(response.body()).path("status").asString());
	}

	private boolean grpcPlaceOrder(String dropId, String token) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
		headers.put(Metadata.Key.of("idempotency-key", Metadata.ASCII_STRING_MARSHALLER),
				"bench-grpc-" + this.keys.incrementAndGet());
		Order order = ClientCalls.blockingUnaryCall(
				ClientInterceptors.intercept(this.channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
				PLACE_ORDER, options(), PlaceOrderRequest.newBuilder()
					.setDropId(dropId)
					.setQuantity(1)
					.setPaymentToken("tok_visa")
					.build());
		return order.getStatus() == OrderStatus.ORDER_STATUS_PAID;
	}

	private static CallOptions options() {
		return CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	private String drop(String admin) throws Exception {
		String sku = "BENCH-" + UUID.randomUUID().toString().substring(0, 8);
		post("/api/v1/products", admin,
				"{\"name\":\"Bench shoe\",\"brand\":\"Fortress\",\"variants\":[{\"sku\":\"" + sku
						+ "\",\"size\":\"42\",\"price\":{\"amount\":100,\"currency\":\"EUR\"},\"stock\":1000000}]}");
		JsonNode drop = post("/api/v1/drops", admin, "{\"sku\":\"" + sku + "\",\"quantity\":1000000,\"startsAt\":\""
				+ Instant.now().minusSeconds(1) + "\",\"perCustomerLimit\":1000000}");
		return drop.path("id").asString();
	}

	private String buyer() throws Exception {
		String email = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		post("/api/v1/auth/register", null,
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Buyer\"}");
		return login(email);
	}

	private String login(String email) throws Exception {
		return post("/api/v1/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
			.path("accessToken")
			.asString();
	}

	private JsonNode post(String path, String token, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private static String report(List<Measured> results, int concurrency, Duration measure) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("Closed loop, %d threads, %d s per scenario after a warm-up of each; %d CPUs; %s%n%n",
				concurrency, measure.toSeconds(), Runtime.getRuntime().availableProcessors(), Instant.now()));
		out.append("| call | protocol | ok/s | errors | p50 ms | p99 ms | app CPU µs/req | PostgreSQL CPU µs/req "
				+ "| client CPU µs/req | other work on the machine, cores |\n");
		out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Measured result : results) {
			String[] name = result.name().split(" ");
			double seconds = result.elapsedNanos() / 1e9;
			long requests = result.ok() + result.failed();
			out.append(String.format("| %s | %s | %.0f | %d | %.2f | %.2f | %.0f | %.0f | %.0f | %.2f |%n", name[0],
					name[1], result.ok() / seconds, result.failed(),
					result.histogram().getValueAtPercentile(50) / 1000.0,
					result.histogram().getValueAtPercentile(99) / 1000.0, result.cpu().app() / requests,
					result.cpu().postgres() / requests, result.cpu().client() / requests,
					result.cpu().others() / (seconds * 1e6)));
		}
		out.append('\n');
		for (String call : List.of("GetDrop", "PlaceOrder")) {
			Measured rest = find(results, call + " REST");
			Measured grpc = find(results, call + " gRPC");
			out.append(String.format(
					"%s, gRPC vs REST: throughput x%.2f, p99 x%.2f, app CPU per request x%.2f%n%n", call,
					(grpc.ok() / (grpc.elapsedNanos() / 1e9)) / (rest.ok() / (rest.elapsedNanos() / 1e9)),
					(double) grpc.histogram().getValueAtPercentile(99) / rest.histogram().getValueAtPercentile(99),
					(grpc.cpu().app() / (grpc.ok() + grpc.failed())) / (rest.cpu().app() / (rest.ok() + rest.failed()))));
		}
		return out.toString();
	}

	private static Measured find(List<Measured> results, String name) {
		return results.stream().filter(result -> result.name().equals(name)).findFirst().orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> MethodDescriptor<Q, R> method(
			String name, Q request, R response) {
		return MethodDescriptor.<Q, R>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(MethodDescriptor.generateFullMethodName(
					DropProto.getDescriptor().findServiceByName("DropService").getFullName(), name))
			.setRequestMarshaller(ProtoUtils.marshaller(request))
			.setResponseMarshaller(ProtoUtils.marshaller(response))
			.build();
	}

	@FunctionalInterface
	private interface Call {

		boolean run(int worker) throws Exception;

	}

	private record Measured(String name, long ok, long failed, long elapsedNanos, Histogram histogram,
			Processes.Cpu cpu) {

		Measured named(String name) {
			return new Measured(name, this.ok, this.failed, this.elapsedNanos, this.histogram, this.cpu);
		}

	}

	/** CPU time of the server JVM, of its PostgreSQL and of this client, in µs. */
	private record Processes(long appPid, Path postgresData) {

		private static final double TICK_MICROS = 1_000_000.0 / 100; // USER_HZ

		Cpu cpu() throws IOException {
			double postgres = 0;
			Path dir = this.postgresData.toRealPath();
			try (var procs = Files.list(Path.of("/proc"))) {
				for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
					try {
						if (Files.readSymbolicLink(proc.resolve("cwd")).equals(dir)) {
							// the postmaster's children that exited are in its cutime/cstime
							postgres += ticks(proc, true);
						}
					}
					catch (IOException | SecurityException ex) {
						// a process that ended meanwhile, or not ours
					}
				}
			}
			double client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime() / 1000.0;
			return new Cpu(ticks(Path.of("/proc", Long.toString(this.appPid)), false) * TICK_MICROS,
					postgres * TICK_MICROS, client, machineBusyTicks() * TICK_MICROS);
		}

		private static double ticks(Path proc, boolean withChildren) throws IOException {
			String stat = Files.readString(proc.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields from the state on: utime is the 12th, stime 13th, cutime 14th, cstime 15th
			double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return withChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
		}

		/** Busy time of the whole machine: user, nice, system, irq, softirq, steal. */
		private static double machineBusyTicks() throws IOException {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			return Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
					+ Long.parseLong(cpu[7]) + Long.parseLong(cpu[8]);
		}

		/**
		 * {@code machine} is everything the machine's CPUs did; what the three measured
		 * processes did not is {@link #others()}, the noise of a shared machine.
		 */
		record Cpu(double app, double postgres, double client, double machine) {

			Cpu minus(Cpu earlier) {
				return new Cpu(this.app - earlier.app, this.postgres - earlier.postgres,
						this.client - earlier.client, this.machine - earlier.machine);
			}

			double others() {
				return Math.max(0, this.machine - this.app - this.postgres - this.client);
			}

		}

	}

}
