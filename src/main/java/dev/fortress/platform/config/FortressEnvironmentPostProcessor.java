package dev.fortress.platform.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Translates the few {@code FORTRESS_*} settings that are not plain property values into
 * Spring Boot properties, before logging and the web server are configured:
 * <ul>
 * <li>{@code FORTRESS_LOG_FORMAT=json} switches console logs to structured JSON;</li>
 * <li>{@code FORTRESS_TRUSTED_PROXIES} becomes Tomcat's remote-IP valve configuration, so
 * {@code X-Forwarded-For} is believed only when the direct peer is a listed proxy;</li>
 * <li>{@code FORTRESS_OTLP_ENDPOINT} switches OpenTelemetry export on.</li>
 * </ul>
 * Values set explicitly by the user (e.g. as {@code spring.*} properties) still win
 * because this source is added last.
 */
public class FortressEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "fortressDerived";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> derived = new HashMap<>();
		if ("json".equalsIgnoreCase(environment.getProperty("FORTRESS_LOG_FORMAT", "text").trim())) {
			derived.put("logging.structured.format.console", "logstash");
		}
		derived.put("server.forward-headers-strategy", "native");
		derived.put("server.tomcat.remoteip.internal-proxies",
				trustedProxiesPattern(environment.getProperty("FORTRESS_TRUSTED_PROXIES", "")));
		derived.put("server.tomcat.remoteip.trusted-proxies", "");
		String otlp = environment.getProperty("FORTRESS_OTLP_ENDPOINT", "").trim();
		boolean export = StringUtils.hasText(otlp);
		derived.put("management.tracing.export.enabled", String.valueOf(export));
		derived.put("management.otlp.metrics.export.enabled", "false");
		derived.put("management.opentelemetry.logging.export.otlp.enabled", "false");
		if (export) {
			String base = otlp.endsWith("/") ? otlp.substring(0, otlp.length() - 1) : otlp;
			derived.put("management.opentelemetry.tracing.export.otlp.endpoint", base + "/v1/traces");
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, derived));
	}

	/**
	 * An exact-match regular expression over the listed proxy addresses; empty (no proxy
	 * trusted, not even loopback) when none are listed.
	 */
	static String trustedProxiesPattern(String list) {
		return Arrays.stream(list.split(","))
			.map(String::trim)
			.filter(StringUtils::hasText)
			.map(Pattern::quote)
			.collect(Collectors.joining("|"));
	}

}
