package dev.fortress.payments.sandbox;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the sandbox provider as a service of its own inside the process: its own HTTP
 * server on a loopback port, its own threads, its own database connections (over its own
 * tables, {@code sandbox_psp_*}). Nothing of it is served on the API's port.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "fortress.payments.sandbox.enabled", matchIfMissing = true)
class SandboxConfiguration {

	@Bean(destroyMethod = "close")
	SandboxDatabase sandboxDatabase(HikariDataSource dataSource, SandboxProperties properties) {
		return new SandboxDatabase(dataSource, properties.poolSize());
	}

	@Bean(destroyMethod = "stop")
	SandboxServer sandboxServer(SandboxDatabase database, SandboxProperties properties, Clock clock) {
		JsonMapper json = JsonMapper.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
		SandboxApi api = new SandboxApi(new SandboxApiKey(properties.apiKey()),
				new SandboxPayments(database, clock, json),
				new SandboxIdempotencyKeys(database, clock, properties.keyLease()), new SandboxRequestLog(database),
				json, properties.slowDelay(), clock);
		return new SandboxServer(properties.port(), properties.threads(), properties.apiKey(), new SandboxHandler(api));
	}

}
