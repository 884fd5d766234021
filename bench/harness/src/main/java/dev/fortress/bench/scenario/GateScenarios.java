package dev.fortress.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.load.RequestSource;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Api;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.server.ServerProcess;
import dev.fortress.bench.system.CpuMeter;
import dev.fortress.bench.system.ProcFs;

/**
 * The request gates: what the cheapest requests cost (liveness, the public product list,
 * an authenticated page of tasks), against a hello-world with the same starters measured
 * in the same run; and the JIT warm-up that comes before any of it.
 */
final class GateScenarios {

	private final Settings settings;

	private final Results results;

	GateScenarios(Settings settings, Results results) {
		this.settings = settings;
		this.results = results;
	}

	/** The products of the list and the project of tasks; the token of its owner. */
	String seedReads(FortressSession session) throws Exception {
		Api api = session.api;
		for (int i = 0; i < this.settings.products(); i++) {
			api.createProduct(session.admin, "Catalogue sneaker " + i, i % 2 == 0 ? "Nike" : "Adidas",
					"CAT-" + UUID.randomUUID(), 9_900 + i, 10);
		}
		String email = "owner@bench.example.com";
		api.register(email, Buyers.PASSWORD, "Task Owner");
		String owner = api.login(email, Buyers.PASSWORD);
		if (this.settings.tasks() == 0) {
			return owner;
		}
		UUID project = UUID.fromString(api
			.expect(201, "POST", "/api/v1/projects", owner, Map.of("name", "Benchmark", "description", "100k tasks"))
			.text("id"));
		String[] types = { "TASK", "BUG", "FEATURE" };
		String[] priorities = { "LOW", "MEDIUM", "HIGH", "URGENT" };
		int throughApi = Math.min(100, this.settings.tasks());
		for (int i = 0; i < throughApi; i++) {
			String type = types[i % 3];
			Map<String, Object> task = new LinkedHashMap<>();
			task.put("title", "Task " + i + " of the benchmark");
			task.put("description", "Seeded through the API so the copies have real rows to copy.");
			task.put("type", type);
			task.put("priority", priorities[i % 4]);
			task.put("labels", List.of("bench", "l" + (i % 7)));
			if (type.equals("BUG")) {
				task.put("severity", "MAJOR");
			}
			if (type.equals("FEATURE")) {
				task.put("storyPoints", 3);
			}
			api.expect(201, "POST", "/api/v1/projects/" + project + "/tasks", owner, task);
		}
		long started = System.nanoTime();
		int copied = session.database.growTasks(project, this.settings.tasks());
		this.results.notes.add(String.format(
				"Tasks: %d created through the API, %d copied from them with their labels in one SQL transaction in %.1f s "
						+ "(creating 100,000 over HTTP would take minutes of a shared machine; the copies have no "
						+ "history rows, which the task list does not read).",
				throughApi, copied, (System.nanoTime() - started) / 1e9));
		return owner;
	}

	/** Mixed load on every measured path until the JIT has compiled them. */
	void warmUp(FortressSession session, String owner, RequestSource checkout) throws Exception {
		if (this.settings.warmup().isZero()) {
			return;
		}
		List<RequestSource> mix = new ArrayList<>(List.of(Sources.liveness(session.host),
				Sources.products(session.host), Sources.tasks(session.host, owner)));
		mix.add(checkout);
		Measured warm = session.meter.run("warm-up (mixed paths)", Sources.mix(mix), LoadPlan
			.closed(this.settings.gateUsers(), this.settings.warmup().minusSeconds(10), Duration.ofSeconds(10)));
		this.results.loads.put("warmup", warm);
	}

	void fortressGates(FortressSession session, String owner) throws Exception {
		gate(session.meter, "gate liveness", Sources.liveness(session.host));
		if (this.settings.smokeMode()) {
			return;
		}
		gate(session.meter, "gate products", Sources.products(session.host));
		gate(session.meter, "gate tasks", Sources.tasks(session.host, owner));
	}

	private Measured gate(Meter meter, String name, RequestSource source) throws Exception {
		Measured measured = meter.run(name, source,
				LoadPlan.closed(this.settings.gateUsers(), this.settings.gateWarmup(), this.settings.gateMeasure()));
		this.results.loads.put(name, measured);
		return measured;
	}

	/** The yardstick: a hello-world with webmvc, actuator and security. */
	void hello(Path helloJar, Path work, List<String> jvmOptions) throws Exception {
		int port = ServerProcess.freePort();
		List<String> command = new ArrayList<>();
		command.add(ServerProcess.java());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", helloJar.toString(), "--server.port=" + port));
		System.out.println("Starting the hello-world yardstick");
		try (ServerProcess hello = ServerProcess.start("hello", command, Map.of(), work,
				URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"), Duration.ofMinutes(2))) {
			long rssIdle = ProcFs.rssKib(hello.pid());
			long self = ProcessHandle.current().pid();
			CpuMeter cpu = new CpuMeter().track("app", () -> ProcFs.cpuTicks(hello.pid(), false))
				.track("generator", () -> ProcFs.cpuTicks(self, false));
			Meter meter = new Meter(port, cpu);
			try {
				String host = "127.0.0.1:" + port;
				RequestSource hi = RequestSource.get(host, "/hello", "");
				RequestSource live = Sources.liveness(host);
				if (!this.settings.warmup().isZero()) {
					meter.run("hello warm-up", Sources.mix(List.of(hi, live)), LoadPlan
						.closed(this.settings.gateUsers(), this.settings.warmup().dividedBy(2), Duration.ofSeconds(5)));
				}
				gate(meter, "hello /hello", hi);
				gate(meter, "hello liveness", live);
				this.results.startups.add(new Results.Startup("hello-world (webmvc + actuator + security)",
						hello.startupSeconds(), Double.NaN, Double.NaN, rssIdle, ProcFs.peakRssKib(hello.pid()), 0));
			}
			finally {
				meter.close();
			}
		}
	}

}
