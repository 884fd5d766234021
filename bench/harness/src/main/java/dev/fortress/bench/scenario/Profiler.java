package dev.fortress.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.fortress.bench.report.Results;

/**
 * A JFR recording of the application ({@code jcmd PID JFR.start}, default settings: the
 * {@code profile} settings slowed checkout several times over) and its summary from
 * {@code jfr print --json --events jdk.ExecutionSample}: the hottest methods (top
 * frames), the share of samples that run through each area of the stack
 * (observation/tracing, metrics, security, JDBC, ...; a sample counts for every area on
 * its stack) and the share of each thread pool.
 */
final class Profiler {

	/**
	 * Areas by class-name prefix; checked in this order, each counted once per sample.
	 */
	private static final Map<String, List<String>> AREAS = new LinkedHashMap<>();

	static {
		AREAS.put("observation / tracing (Micrometer Observation, OpenTelemetry)",
				List.of("io.micrometer.observation", "io.micrometer.tracing", "io.opentelemetry"));
		AREAS.put("metrics (Micrometer meters, Prometheus)",
				List.of("io.micrometer.core", "io.micrometer.prometheus", "io.prometheus"));
		AREAS.put("Spring Security filters", List.of("org.springframework.security"));
		AREAS.put("JSON (Jackson)", List.of("tools.jackson", "com.fasterxml.jackson"));
		AREAS.put("JDBC driver (pgjdbc)", List.of("org.postgresql"));
		AREAS.put("connection pool (HikariCP)", List.of("com.zaxxer.hikari"));
		AREAS.put("transactions and JdbcClient (Spring)",
				List.of("org.springframework.transaction", "org.springframework.jdbc"));
		AREAS.put("event publication registry (Spring Modulith)", List.of("org.springframework.modulith"));
		AREAS.put("payment provider client (JDK HttpClient)", List.of("jdk.internal.net.http", "java.net.http"));
		AREAS.put("sandbox provider (served in-process)", List.of("dev.fortress.payments.sandbox"));
		AREAS.put("logging (Logback, SLF4J)", List.of("ch.qos.logback", "org.slf4j"));
		AREAS.put("rate limiting (Bucket4j)", List.of("io.github.bucket4j", "dev.fortress.platform.ratelimit"));
		AREAS.put("JWT verification (Nimbus)", List.of("com.nimbusds"));
		AREAS.put("JDK cryptography (RSA, SHA-2)", List.of("sun.security", "java.security", "javax.crypto"));
		AREAS.put("Spring MVC dispatch", List.of("org.springframework.web.servlet"));
		AREAS.put("Fortress code", List.of("dev.fortress"));
	}

	private final long pid;

	private final Path file;

	Profiler(long pid, Path file) {
		this.pid = pid;
		this.file = file;
	}

	/** Starts a recording that ends by itself after {@code duration}. */
	void start(Duration duration) throws IOException, InterruptedException {
		Files.deleteIfExists(this.file);
		run(List.of(jdkTool("jcmd"), Long.toString(this.pid), "JFR.start", "name=bench",
				"duration=" + duration.toSeconds() + "s", "filename=" + this.file));
	}

	/** Waits for the recording's file and summarises it. */
	Results.Profile summarise(String scenario) throws IOException, InterruptedException {
		for (int i = 0; i < 300 && !Files.exists(this.file); i++) {
			Thread.sleep(100);
		}
		Thread.sleep(500);
		Path json = this.file.resolveSibling(this.file.getFileName() + ".json");
		ProcessBuilder print = new ProcessBuilder(jdkTool("jfr"), "print", "--json", "--events", "jdk.ExecutionSample",
				this.file.toString())
			.redirectOutput(json.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		Process process = print.start();
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IOException("jfr print failed for " + this.file);
		}
		JsonNode events = JsonMapper.builder().build().readTree(json.toFile()).path("recording").path("events");
		Map<String, Long> top = new HashMap<>();
		Map<String, Long> areas = new HashMap<>();
		Map<String, Long> threads = new HashMap<>();
		long samples = 0;
		for (JsonNode event : events) {
			JsonNode frames = event.path("values").path("stackTrace").path("frames");
			if (frames.isEmpty()) {
				continue;
			}
			samples++;
			top.merge(method(frames.get(0)), 1L, Long::sum);
			Set<String> seen = new HashSet<>();
			for (JsonNode frame : frames) {
				String type = typeName(frame);
				for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
					if (area.getValue().stream().anyMatch(type::startsWith)) {
						seen.add(area.getKey());
					}
				}
			}
			seen.forEach(area -> areas.merge(area, 1L, Long::sum));
			String thread = event.path("values").path("sampledThread").path("javaName").asString("?");
			threads.merge(thread.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>").replaceAll("\\d+", "N"), 1L,
					Long::sum);
		}
		return new Results.Profile(scenario, samples, shares(top, samples, 20), shares(areas, samples, 30),
				shares(threads, samples, 8));
	}

	private static List<Results.Share> shares(Map<String, Long> counts, long total, int limit) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.map(e -> new Results.Share(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total))
			.toList();
	}

	private static String method(JsonNode frame) {
		return typeName(frame) + "." + frame.path("method").path("name").asString("?");
	}

	private static String typeName(JsonNode frame) {
		return frame.path("method").path("type").path("name").asString("?").replace('/', '.');
	}

	private static String jdkTool(String name) {
		Path tool = Path.of(System.getProperty("java.home"), "bin", name);
		return Files.isExecutable(tool) ? tool.toString() : name;
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IOException("failed: " + String.join(" ", command));
		}
	}

}
