package dev.fortress.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files under {@code deploy/}. There is no Docker engine or cluster where
 * the tests run, so nothing here is started: the files are parsed and held to what makes
 * a deployment work or fail silently. A compose file whose app instance has no
 * healthcheck starts nginx in front of a booting JVM; an nginx upstream that forgets an
 * instance leaves it idle; a probe on a wrong path restarts healthy pods forever; an HPA
 * or PDB whose selector misses the pods does nothing at all; an alert without {@code for}
 * pages on every blip; a dashboard panel without a query is an empty box; a misspelt
 * variable name is ignored by Spring and the instance quietly runs on a default.
 */
class DeploymentFilesTests {

	private static final Path DEPLOY = Path.of("deploy");

	private static final Pattern VARIABLE = Pattern
		.compile("\\b(FORTRESS_[A-Z0-9_]+|SPRING_[A-Z0-9_]+|MANAGEMENT_[A-Z0-9_]+|SERVER_PORT|JAVA_TOOL_OPTIONS)\\b");

	private static final Set<String> PROBE_PATHS = Set.of("/actuator/health/liveness", "/actuator/health/readiness");

	// --- docker compose
	// --------------------------------------------------------------------

	@Test
	void composeRunsTwoAppInstancesBesideEveryEngine() throws IOException {
		Map<String, Object> services = map(compose().get("services"));
		assertThat(services).containsKeys("app1", "app2", "nginx", "postgres", "redis", "kafka", "prometheus",
				"grafana", "otel-collector");
		assertThat(appServices()).containsOnlyKeys("app1", "app2");
		assertThat(text(map(services.get("postgres")).get("image"))).startsWith("postgres:15");
		assertThat(text(map(services.get("redis")).get("image"))).startsWith("redis:7");
		Map<String, Object> kafka = map(services.get("kafka"));
		assertThat(text(kafka.get("image"))).startsWith("apache/kafka:");
		assertThat(text(map(kafka.get("environment")).get("KAFKA_PROCESS_ROLES"))).contains("broker", "controller");
	}

	@Test
	void everyComposeAppHasAHealthcheckAndWaitsForHealthyEngines() throws IOException {
		appServices().forEach((name, service) -> {
			Map<String, Object> healthcheck = map(service.get("healthcheck"));
			assertThat(String.join(" ", strings(healthcheck.get("test")))).as(name + " healthcheck")
				.containsAnyOf(PROBE_PATHS.toArray(String[]::new));
			Map<String, Object> dependsOn = map(service.get("depends_on"));
			assertThat(dependsOn).as(name + " depends_on").containsKey("postgres");
			assertThat(map(dependsOn.get("postgres")).get("condition")).isEqualTo("service_healthy");
			assertThat(text(service.get("volumes"))).as(name + " has its own data volume").contains(":/data");
		});
		Set<String> volumes = new TreeSet<>();
		appServices().values().forEach((service) -> volumes.addAll(strings(service.get("volumes"))));
		assertThat(volumes).as("one data volume per instance").hasSize(appServices().size());
	}

	@Test
	void composeDependenciesNameServicesWithAConditionThatCanBeMet() throws IOException {
		Map<String, Object> services = map(compose().get("services"));
		services.forEach((name, value) -> map(map(value).get("depends_on")).forEach((dependency, spec) -> {
			assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
			String condition = text(map(spec).get("condition"));
			assertThat(condition).as(name + " -> " + dependency)
				.isIn("service_started", "service_healthy", "service_completed_successfully");
			if (condition.equals("service_healthy")) {
				assertThat(map(services.get(dependency))).as(dependency + " must have a healthcheck")
					.containsKey("healthcheck");
			}
		}));
	}

	@Test
	void nginxUpstreamNamesEveryAppInstance() throws IOException {
		String nginx = Files.readString(DEPLOY.resolve("nginx/nginx.conf"));
		Matcher upstream = Pattern.compile("upstream\\s+(\\w+)\\s*\\{([^}]*)}").matcher(nginx);
		assertThat(upstream.find()).as("an upstream block").isTrue();
		Set<String> servers = new TreeSet<>();
		Matcher server = Pattern.compile("server\\s+([\\w.-]+):(\\d+)").matcher(upstream.group(2));
		while (server.find()) {
			servers.add(server.group(1) + ":" + server.group(2));
		}
		Set<String> expected = new TreeSet<>();
		appServices().keySet().forEach((name) -> expected.add(name + ":8080"));
		assertThat(servers).isEqualTo(expected);
		assertThat(nginx).contains("proxy_pass http://" + upstream.group(1) + ";")
			.contains("X-Forwarded-For")
			.contains("proxy_connect_timeout")
			.contains("proxy_read_timeout")
			.doesNotContain("least_conn", "ip_hash");
		String trusted = text(map(appServices().get("app1").get("environment")).get("FORTRESS_TRUSTED_PROXIES"));
		Map<String, Object> nginxNetworks = map(map(map(compose().get("services")).get("nginx")).get("networks"));
		String nginxAddress = nginxNetworks.values()
			.stream()
			.map((network) -> text(map(network).get("ipv4_address")))
			.findFirst()
			.orElse("");
		assertThat(trusted).as("the instances trust nginx's X-Forwarded-For").isEqualTo(nginxAddress).isNotEmpty();
	}

	// --- Kubernetes
	// ------------------------------------------------------------------------

	@Test
	void everyDeploymentContainerHasActuatorProbesAndRunsNonRootOnAReadOnlyRoot() throws IOException {
		List<Map<String, Object>> deployments = kubernetes("Deployment");
		assertThat(deployments).isNotEmpty();
		for (Map<String, Object> deployment : deployments) {
			Map<String, Object> spec = map(deployment.get("spec"));
			assertThat((Integer) spec.get("replicas")).as("replicas").isGreaterThanOrEqualTo(2);
			Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
			Map<String, Object> podSecurity = map(pod.get("securityContext"));
			Set<String> volumes = new TreeSet<>();
			list(pod.get("volumes")).forEach((volume) -> volumes.add(text(map(volume).get("name"))));
			List<Object> containers = list(pod.get("containers"));
			assertThat(containers).isNotEmpty();
			for (Object value : containers) {
				Map<String, Object> container = map(value);
				String name = text(container.get("name"));
				for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
					String path = text(map(map(container.get(probe)).get("httpGet")).get("path"));
					assertThat(path).as(name + " " + probe).isIn(PROBE_PATHS);
				}
				assertThat(text(map(map(container.get("readinessProbe")).get("httpGet")).get("path")))
					.isEqualTo("/actuator/health/readiness");
				Map<String, Object> security = map(container.get("securityContext"));
				Object nonRoot = security.containsKey("runAsNonRoot") ? security.get("runAsNonRoot")
						: podSecurity.get("runAsNonRoot");
				assertThat(nonRoot).as(name + " runAsNonRoot").isEqualTo(true);
				Object user = security.containsKey("runAsUser") ? security.get("runAsUser")
						: podSecurity.get("runAsUser");
				assertThat(user).as(name + " runAsUser").isNotNull().isNotEqualTo(0);
				assertThat(security.get("readOnlyRootFilesystem")).as(name + " readOnlyRootFilesystem").isEqualTo(true);
				assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
				Map<String, Object> resources = map(container.get("resources"));
				assertThat(map(resources.get("requests"))).as(name + " requests (the HPA needs cpu)")
					.containsKeys("cpu", "memory");
				assertThat(map(resources.get("limits"))).containsKey("memory");
				Set<String> mountPaths = new TreeSet<>();
				list(container.get("volumeMounts")).forEach((mount) -> {
					assertThat(volumes).contains(text(map(mount).get("name")));
					mountPaths.add(text(map(mount).get("mountPath")));
				});
				assertThat(mountPaths).as("writable data directory").contains("/data");
				assertThat(configuredEnvironment(container)).containsEntry("FORTRESS_DATA_DIR", "/data");
			}
		}
	}

	@Test
	void deploymentEnvironmentComesFromConfigMapsAndSecretsThatExist() throws IOException {
		Set<String> configMaps = names(kubernetes("ConfigMap"));
		Set<String> secrets = names(kubernetes("Secret"));
		for (Map<String, Object> container : containers()) {
			List<Object> envFrom = list(container.get("envFrom"));
			assertThat(envFrom).isNotEmpty();
			for (Object source : envFrom) {
				Map<String, Object> from = map(source);
				if (from.containsKey("configMapRef")) {
					assertThat(configMaps).contains(text(map(from.get("configMapRef")).get("name")));
				}
				if (from.containsKey("secretRef")) {
					assertThat(secrets).contains(text(map(from.get("secretRef")).get("name")));
				}
			}
			assertThat(envFrom).anySatisfy((source) -> assertThat(map(source)).containsKey("secretRef"));
		}
		Map<String, Object> secretData = map(kubernetes("Secret").get(0).get("stringData"));
		assertThat(secretData).as("secrets are not in the ConfigMap")
			.containsKeys("FORTRESS_JWT_PRIVATE_KEY", "FORTRESS_DB_PASSWORD");
		assertThat(map(kubernetes("ConfigMap").get(0).get("data"))).doesNotContainKeys("FORTRESS_JWT_PRIVATE_KEY",
				"FORTRESS_DB_PASSWORD", "FORTRESS_ADMIN_PASSWORD", "FORTRESS_PSP_API_KEY");
	}

	@Test
	void hpaPdbAndServiceSelectTheDeploymentsPods() throws IOException {
		Map<String, Map<String, Object>> podLabels = new LinkedHashMap<>();
		for (Map<String, Object> deployment : kubernetes("Deployment")) {
			Map<String, Object> spec = map(deployment.get("spec"));
			Map<String, Object> labels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
			assertThat(labels).containsAllEntriesOf(map(map(spec.get("selector")).get("matchLabels")));
			podLabels.put(text(map(deployment.get("metadata")).get("name")), labels);
		}
		List<Map<String, Object>> hpas = kubernetes("HorizontalPodAutoscaler");
		assertThat(hpas).isNotEmpty();
		for (Map<String, Object> hpa : hpas) {
			Map<String, Object> spec = map(hpa.get("spec"));
			Map<String, Object> target = map(spec.get("scaleTargetRef"));
			assertThat(target.get("kind")).isEqualTo("Deployment");
			assertThat(podLabels).containsKey(text(target.get("name")));
			assertThat((Integer) spec.get("minReplicas")).isGreaterThanOrEqualTo(2);
			assertThat(text(spec.get("metrics"))).contains("cpu");
		}
		List<Map<String, Object>> selectors = new ArrayList<>();
		kubernetes("PodDisruptionBudget")
			.forEach((pdb) -> selectors.add(map(map(map(pdb.get("spec")).get("selector")).get("matchLabels"))));
		assertThat(selectors).as("a PodDisruptionBudget").isNotEmpty();
		kubernetes("Service").forEach((service) -> selectors.add(map(map(service.get("spec")).get("selector"))));
		for (Map<String, Object> selector : selectors) {
			assertThat(selector).isNotEmpty();
			assertThat(podLabels.values()).as("selector " + selector)
				.anySatisfy((labels) -> assertThat(labels).containsAllEntriesOf(selector));
		}
	}

	// --- Prometheus and Grafana
	// ---------------------------------------------------------------

	@Test
	void everyAlertRuleHasAnExpressionADurationAndASeverity() throws IOException {
		Map<String, Object> alerts = yaml(DEPLOY.resolve("prometheus/alerts.yml")).get(0);
		Set<String> expressions = new LinkedHashSet<>();
		int rules = 0;
		for (Object group : list(alerts.get("groups"))) {
			for (Object value : list(map(group).get("rules"))) {
				Map<String, Object> rule = map(value);
				String name = text(rule.get("alert"));
				assertThat(name).as("alert name").isNotBlank();
				assertThat(text(rule.get("expr"))).as(name + " expr").isNotBlank();
				assertThat(text(rule.get("for"))).as(name + " for").matches("\\d+[smh]");
				assertThat(text(map(rule.get("labels")).get("severity"))).as(name + " severity").isIn("page", "ticket");
				expressions.add(text(rule.get("expr")));
				rules++;
			}
		}
		assertThat(rules).isGreaterThanOrEqualTo(7);
		String all = String.join("\n", expressions);
		assertThat(all).contains("status=~\"5..\"", "histogram_quantile(0.99", "uri=\"/api/v1/orders\"",
				"status=\"503\"", "fortress_events_oldest_incomplete_seconds", "fortress_events_dead_letters",
				"cache_gets_total", "up{");
	}

	@Test
	void prometheusScrapesEveryAppInstanceAndLoadsTheRules() throws IOException {
		Map<String, Object> prometheus = yaml(DEPLOY.resolve("prometheus/prometheus.yml")).get(0);
		assertThat(strings(prometheus.get("rule_files"))).anySatisfy((file) -> assertThat(file).endsWith("alerts.yml"));
		Map<String, Object> fortress = list(prometheus.get("scrape_configs")).stream()
			.map(DeploymentFilesTests::map)
			.filter((job) -> "fortress".equals(job.get("job_name")))
			.findFirst()
			.orElseThrow();
		assertThat(fortress.get("metrics_path")).isEqualTo("/actuator/prometheus");
		Set<String> targets = new TreeSet<>();
		list(fortress.get("static_configs")).forEach((config) -> targets.addAll(strings(map(config).get("targets"))));
		Set<String> expected = new TreeSet<>();
		appServices().keySet().forEach((name) -> expected.add(name + ":8080"));
		assertThat(targets).isEqualTo(expected);
		// Prometheus before 2.43 rejects every scrape of these instances: their
		// OpenMetrics
		// answer carries exemplars on summaries' _count lines.
		String image = text(map(map(compose().get("services")).get("prometheus")).get("image"));
		Matcher version = Pattern.compile(":v(\\d+)\\.(\\d+)").matcher(image);
		assertThat(version.find()).as(image + " pins a version").isTrue();
		int major = Integer.parseInt(version.group(1));
		int minor = Integer.parseInt(version.group(2));
		assertThat(major > 2 || (major == 2 && minor >= 43)).as(image + " is 2.43 or newer").isTrue();
	}

	@Test
	void everyDashboardPanelHasAQueryAndTheDashboardShowsWhatMatters() throws IOException {
		List<Path> dashboards;
		try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
			dashboards = files.filter((file) -> file.toString().endsWith(".json")).toList();
		}
		assertThat(dashboards).isNotEmpty();
		Set<String> expressions = new LinkedHashSet<>();
		for (Path file : dashboards) {
			JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
			assertThat(dashboard.path("uid").asString()).isNotBlank();
			JsonNode panels = dashboard.path("panels");
			assertThat(panels.size()).isGreaterThan(0);
			for (JsonNode panel : panels) {
				String title = panel.path("title").asString();
				assertThat(panel.path("targets").size()).as(title + " targets").isGreaterThan(0);
				for (JsonNode target : panel.path("targets")) {
					assertThat(target.path("expr").asString()).as(title + " expr").isNotBlank();
					expressions.add(target.path("expr").asString());
				}
			}
		}
		String all = String.join("\n", expressions);
		assertThat(all).contains("histogram_quantile(", "http_server_requests_seconds_bucket", "uri=\"/api/v1/orders\"",
				"by (status)", "fortress_events_oldest_incomplete_seconds", "fortress_events_dead_letters",
				"cache_gets_total{", "result=\"hit\"");
		Map<String, Object> datasources = yaml(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"))
			.get(0);
		assertThat(text(map(list(datasources.get("datasources")).get(0)).get("url"))).contains("prometheus:9090");
		assertThat(yaml(DEPLOY.resolve("grafana/provisioning/dashboards/fortress.yml")).get(0))
			.containsKey("providers");
		assertThat(yaml(DEPLOY.resolve("otel/collector.yaml")).get(0)).containsKeys("receivers", "exporters",
				"service");
	}

	// --- the image
	// ----------------------------------------------------------------------------

	@Test
	void dockerfileBuildsALayeredImageThatRunsAsANonRootUserWithAHealthcheck() throws IOException {
		String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
		List<String> instructions = dockerfile.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(instructions.stream().filter((line) -> line.startsWith("FROM ")).count()).as("multi-stage")
			.isGreaterThanOrEqualTo(2);
		String user = instructions.stream()
			.filter((line) -> line.startsWith("USER "))
			.reduce((first, last) -> last)
			.orElse("USER root")
			.substring(5)
			.strip();
		assertThat(user.split(":")[0]).as("the last USER").isNotIn("root", "0");
		int lastFrom = instructions.lastIndexOf(
				instructions.stream().filter((line) -> line.startsWith("FROM ")).reduce((a, b) -> b).orElseThrow());
		assertThat(instructions.indexOf("USER " + user)).as("USER in the runtime stage").isGreaterThan(lastFrom);
		assertThat(dockerfile).contains("HEALTHCHECK")
			.contains("/actuator/health/liveness")
			.contains("EXPOSE 8080")
			.contains("-Djarmode=tools")
			.contains("--layers")
			.contains("MaxRAMPercentage")
			.contains("org.springframework.boot.loader.launch.JarLauncher");
		assertThat(Files.readString(Path.of(".dockerignore"))).contains("target");
	}

	@Test
	void localScriptsStopOnTheFirstError() throws IOException {
		for (String script : List.of("up.sh", "down.sh", "check.sh")) {
			String text = Files.readString(DEPLOY.resolve("local").resolve(script));
			assertThat(text).as(script).startsWith("#!/usr/bin/env bash").contains("set -euo pipefail");
			assertThat(Files.isExecutable(DEPLOY.resolve("local").resolve(script))).as(script + " executable").isTrue();
		}
	}

	// --- configuration names
	// ------------------------------------------------------------------

	/**
	 * Spring ignores an environment variable it has no property for, so a misspelt name
	 * in a deployment file is a setting silently left at its default. Every name given to
	 * the application must be one the project documents (README.md and docs/).
	 */
	@Test
	void everyVariableGivenToTheApplicationIsDocumented() throws IOException {
		Set<String> documented = documentedVariables();
		assertThat(documented).contains("FORTRESS_DB_URL", "FORTRESS_JWT_PRIVATE_KEY", "SERVER_PORT")
			.doesNotContain("FORTRESS_NO_SUCH_SETTING");

		Map<String, Set<String>> used = new LinkedHashMap<>();
		appServices().forEach(
				(name, service) -> used.put("docker-compose.yml " + name, map(service.get("environment")).keySet()));
		for (Map<String, Object> container : containers()) {
			used.put("k8s container " + container.get("name"), configuredEnvironment(container).keySet());
		}
		kubernetes("ConfigMap").forEach((configMap) -> used.put("k8s ConfigMap", map(configMap.get("data")).keySet()));
		kubernetes("Secret").forEach((secret) -> used.put("k8s Secret", map(secret.get("stringData")).keySet()));
		used.put(".env.example", variables(Files.readString(DEPLOY.resolve(".env.example"))));
		used.put("local/up.sh", variables(Files.readString(DEPLOY.resolve("local/up.sh"))));
		used.put("Dockerfile", variables(Files.readString(DEPLOY.resolve("Dockerfile"))));

		used.forEach((where, names) -> {
			assertThat(names).as(where).isNotEmpty();
			Set<String> application = new TreeSet<>(names);
			application.removeIf((name) -> !VARIABLE.matcher(name).matches() || scriptSetting(name));
			assertThat(application).as(where + ": variables the application does not document").isSubsetOf(documented);
		});
		assertThat(used.get("docker-compose.yml app1")).as("compose passes the scale-out engines")
			.contains("FORTRESS_DB_URL", "FORTRESS_REDIS_URL", "FORTRESS_KAFKA_BOOTSTRAP", "FORTRESS_OTLP_ENDPOINT",
					"FORTRESS_JWT_PRIVATE_KEY", "FORTRESS_DATA_DIR");
	}

	/**
	 * Settings of the local scripts themselves (documented in their headers), not of the
	 * app.
	 */
	private static boolean scriptSetting(String name) {
		return name.startsWith("FORTRESS_LOCAL_");
	}

	private static Set<String> documentedVariables() throws IOException {
		StringBuilder docs = new StringBuilder(Files.readString(Path.of("README.md")));
		try (Stream<Path> files = Files.walk(Path.of("docs"))) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".md")).toList()) {
				docs.append('\n').append(Files.readString(file));
			}
		}
		return variables(docs.toString());
	}

	private static Set<String> variables(String text) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = VARIABLE.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	// --- parsing
	// --------------------------------------------------------------------------------

	private static Map<String, Object> compose() throws IOException {
		return yaml(DEPLOY.resolve("docker-compose.yml")).get(0);
	}

	/**
	 * The compose services built from this repository's image: the Fortress instances.
	 */
	private static Map<String, Map<String, Object>> appServices() throws IOException {
		Map<String, Map<String, Object>> apps = new LinkedHashMap<>();
		map(compose().get("services")).forEach((name, value) -> {
			Map<String, Object> service = map(value);
			if (text(service.get("image")).startsWith("fortress") || service.containsKey("build")) {
				apps.put(name, service);
			}
		});
		return apps;
	}

	private static List<Map<String, Object>> kubernetes(String kind) throws IOException {
		List<Map<String, Object>> resources = new ArrayList<>();
		try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".yaml")).sorted().toList()) {
				for (Map<String, Object> document : yaml(file)) {
					if (kind.equals(document.get("kind"))) {
						resources.add(document);
					}
				}
			}
		}
		return resources;
	}

	private static List<Map<String, Object>> containers() throws IOException {
		List<Map<String, Object>> containers = new ArrayList<>();
		for (Map<String, Object> deployment : kubernetes("Deployment")) {
			list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers"))
				.forEach((container) -> containers.add(map(container)));
		}
		return containers;
	}

	/**
	 * A container's environment as it will be: its ConfigMaps, then its own env entries.
	 */
	private static Map<String, String> configuredEnvironment(Map<String, Object> container) {
		Map<String, String> environment = new LinkedHashMap<>();
		try {
			Map<String, Map<String, Object>> configMaps = new LinkedHashMap<>();
			kubernetes("ConfigMap")
				.forEach((configMap) -> configMaps.put(text(map(configMap.get("metadata")).get("name")), configMap));
			for (Object source : list(container.get("envFrom"))) {
				Map<String, Object> ref = map(map(source).get("configMapRef"));
				if (configMaps.containsKey(text(ref.get("name")))) {
					map(configMaps.get(text(ref.get("name"))).get("data"))
						.forEach((key, value) -> environment.put(key, text(value)));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		list(container.get("env"))
			.forEach((entry) -> environment.put(text(map(entry).get("name")), text(map(entry).get("value"))));
		return environment;
	}

	private static Set<String> names(List<Map<String, Object>> resources) {
		Set<String> names = new TreeSet<>();
		resources.forEach((resource) -> names.add(text(map(resource.get("metadata")).get("name"))));
		return names;
	}

	/** Every document of a YAML file (Kubernetes files may hold several). */
	private static List<Map<String, Object>> yaml(Path file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		for (Object document : yaml.loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
			if (document != null) {
				assertThat(document).as(file + " document").isInstanceOf(Map.class);
				documents.add(map(document));
			}
		}
		assertThat(documents).as(file + " documents").isNotEmpty();
		return documents;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value instanceof List) ? (List<Object>) value : List.of();
	}

	private static List<String> strings(Object value) {
		if (value instanceof List<?> items) {
			return items.stream().map(String::valueOf).toList();
		}
		return (value != null) ? List.of(String.valueOf(value)) : List.of();
	}

	private static String text(Object value) {
		return (value != null) ? String.valueOf(value) : "";
	}

}
