package dev.fortress.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every test application context at one real PostgreSQL per test JVM: the
 * machine's server when {@code FORTRESS_TEST_DB_URL} is set (CI), otherwise an embedded
 * PostgreSQL started once from the Maven-shipped binaries. With
 * {@code FORTRESS_REQUIRE_SERVICES=true} an unreachable configured server fails the run
 * instead of falling back.
 * <p>
 * A test that wants the application's own database handling (e.g. the embedded default)
 * sets {@code fortress.test.shared-database=false}.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static volatile Map<String, Object> shared;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if ("false".equals(environment.getProperty("fortress.test.shared-database"))) {
			return;
		}
		environment.getPropertySources().addFirst(new MapPropertySource("fortressTestDatabase", properties()));
	}

	static synchronized Map<String, Object> properties() {
		if (shared == null) {
			Map<String, Object> values = new HashMap<>();
			String url = System.getenv("FORTRESS_TEST_DB_URL");
			if (url != null && !url.isBlank()) {
				String user = envOr("FORTRESS_TEST_DB_USER", "postgres");
				String password = envOr("FORTRESS_TEST_DB_PASSWORD", "");
				checkReachable(url, user, password);
				values.put("fortress.db.url", url);
				values.put("fortress.db.user", user);
				values.put("fortress.db.password", password);
			}
			else {
				EmbeddedPostgres postgres = startEmbedded();
				values.put("fortress.db.url", postgres.getJdbcUrl("postgres", "postgres"));
				values.put("fortress.db.user", "postgres");
				values.put("fortress.db.password", "");
			}
			values.put("fortress.data-dir", tempDir("fortress-test-data").toString());
			shared = values;
		}
		return shared;
	}

	private static EmbeddedPostgres startEmbedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "300")
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is going away anyway
				}
			}));
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", ex);
		}
	}

	private static void checkReachable(String url, String user, String password) {
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			connection.isValid(2);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("FORTRESS_TEST_DB_URL is set but " + url + " is unreachable: "
					+ ex.getMessage() + (Services.required() ? " (FORTRESS_REQUIRE_SERVICES=true)" : ""), ex);
		}
	}

	static Path tempDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
