package dev.fortress.platform.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.config.FortressProperties;

/**
 * One SQL dialect everywhere: either a real PostgreSQL started from binaries shipped as a
 * Maven artifact (the default, data kept under {@code <dataDir>/postgres}) or an external
 * PostgreSQL given by URL. Either way the application talks to it through one HikariCP
 * pool.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	/** The embedded server, only when no URL is configured. */
	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("'${fortress.db.url:}'.isBlank()")
	EmbeddedPostgres embeddedPostgres(FortressProperties fortress) throws IOException {
		Path directory = fortress.dataDir().resolve("postgres").toAbsolutePath().normalize();
		Files.createDirectories(directory.getParent());
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			// Spring stops it after closing the pool; the library's own JVM hook would
			// stop it
			// while the application is still shutting down.
			.setRegisterShutdownHook(false)
			// A 201 must mean durable: keep PostgreSQL's own default, not the
			// test-oriented one.
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "200")
			.start();
		log.info("Database: embedded PostgreSQL on port {}, data in {}", postgres.getPort(), directory);
		return postgres;
	}

	/**
	 * The pool. Taking the embedded server as a parameter makes it a dependency, so
	 * Spring closes the pool before it stops the server.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseProperties properties, Optional<EmbeddedPostgres> embedded) {
		HikariConfig config = new HikariConfig();
		if (embedded.isPresent()) {
			EmbeddedPostgres postgres = embedded.get();
			config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
			config.setUsername("postgres");
		}
		else {
			config.setJdbcUrl(properties.url());
			config.setUsername(properties.user());
			config.setPassword(properties.password());
			log.info("Database: external PostgreSQL at {}", redact(properties.url()));
		}
		config.setPoolName("fortress");
		config.setMaximumPoolSize(properties.poolSize());
		config.setMinimumIdle(properties.minIdle());
		config.setConnectionTimeout(5_000);
		return new HikariDataSource(config);
	}

	static String redact(String url) {
		return url.replaceAll("(?i)(password=)[^&]*", "$1***");
	}

}
