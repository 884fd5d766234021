package dev.fortress.platform.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.fortress.platform.config.FortressProperties;

/**
 * One SQL dialect everywhere: either a real PostgreSQL started from binaries shipped as a
 * Maven artifact (the default, see {@link EmbeddedDatabase}) or an external PostgreSQL
 * given by URL. Either way the application talks to it through one HikariCP pool.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	/**
	 * The embedded server, only when no URL is configured. Production refuses it unless
	 * explicitly allowed: it is one server inside the application's data directory, with
	 * no replica, no managed backups and the application's own disk and memory.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("'${fortress.db.url:}'.isBlank()")
	EmbeddedDatabase embeddedDatabase(FortressProperties fortress, DatabaseProperties properties,
			Environment environment) throws IOException, SQLException {
		if (environment.matchesProfiles("prod") && !properties.allowEmbedded()) {
			throw new IllegalStateException("The prod profile does not run on the embedded PostgreSQL: set "
					+ "FORTRESS_DB_URL (with FORTRESS_DB_USER and FORTRESS_DB_PASSWORD) to a managed PostgreSQL, or "
					+ "FORTRESS_ALLOW_EMBEDDED_DB=true to accept a single embedded server in the data directory");
		}
		Path dataDir = fortress.dataDir().toAbsolutePath().normalize();
		EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
		log.info("Database: embedded PostgreSQL on localhost:{} as role {}, data in {}", database.port(),
				database.user(), database.directory());
		return database;
	}

	/**
	 * The pool. Taking the embedded server as a parameter makes it a dependency, so
	 * Spring closes the pool before it stops the server.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseProperties properties, Optional<EmbeddedDatabase> embedded) {
		HikariConfig config = new HikariConfig();
		if (embedded.isPresent()) {
			EmbeddedDatabase database = embedded.get();
			config.setJdbcUrl(database.jdbcUrl());
			config.setUsername(database.user());
			config.setPassword(database.password());
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
