package dev.fortress.platform.config;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class FortressEnvironmentPostProcessorTests {

	@Test
	void jsonLogFormatSwitchesOnStructuredLogging() {
		assertThat(process(new MockEnvironment().withProperty("FORTRESS_LOG_FORMAT", "json"))
			.getProperty("logging.structured.format.console")).isEqualTo("logstash");
		assertThat(process(new MockEnvironment()).getProperty("logging.structured.format.console")).isNull();
	}

	@Test
	void onlyListedProxiesAreTrusted() {
		String none = process(new MockEnvironment()).getProperty("server.tomcat.remoteip.internal-proxies");
		assertThat(none).isEmpty();
		String pattern = process(new MockEnvironment().withProperty("FORTRESS_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2"))
			.getProperty("server.tomcat.remoteip.internal-proxies");
		assertThat(Pattern.matches(pattern, "10.0.0.1")).isTrue();
		assertThat(Pattern.matches(pattern, "10.0.0.2")).isTrue();
		assertThat(Pattern.matches(pattern, "10.0.0.10")).isFalse();
		assertThat(Pattern.matches(pattern, "10a0b0c1")).as("dots are literal").isFalse();
	}

	@Test
	void tracesAreExportedOnlyWithAnEndpoint() {
		assertThat(process(new MockEnvironment()).getProperty("management.tracing.export.enabled")).isEqualTo("false");
		MockEnvironment withEndpoint = process(
				new MockEnvironment().withProperty("FORTRESS_OTLP_ENDPOINT", "http://collector:4318/"));
		assertThat(withEndpoint.getProperty("management.tracing.export.enabled")).isEqualTo("true");
		assertThat(withEndpoint.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isEqualTo("http://collector:4318/v1/traces");
	}

	private static MockEnvironment process(MockEnvironment environment) {
		new FortressEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
