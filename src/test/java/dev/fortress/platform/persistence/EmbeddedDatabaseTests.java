package dev.fortress.platform.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fortress.FortressApplication;
import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default a newcomer gets: no database configured, so the application starts its own
 * PostgreSQL under the data directory, and a second start sees the first start's data and
 * still accepts the tokens it issued (the signing key is kept there too).
 */
class EmbeddedDatabaseTests {

	@TempDir
	Path dataDir;

	@Test
	void dataAndSigningKeySurviveARestart() throws Exception {
		String email = "persistent@example.com";
		String password = "correct-horse-battery-staple";
		String accessToken;
		try (ConfigurableApplicationContext first = start()) {
			Http http = http(first);
			assertThat(
					http.post("/api/v1/auth/register", Map.of("email", email, "password", password, "displayName", "P"))
						.send()
						.status())
				.isEqualTo(201);
			accessToken = http.post("/api/v1/auth/login", Map.of("email", email, "password", password))
				.send()
				.text("accessToken");
		}
		assertThat(this.dataDir.resolve("postgres/PG_VERSION")).exists();
		Path key = this.dataDir.resolve("keys/jwt-signing.pem");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

		try (ConfigurableApplicationContext second = start()) {
			Http http = http(second);
			Http.Response me = http.get("/api/v1/me").token(accessToken).send();
			assertThat(me.status()).as(me.toString()).isEqualTo(200);
			assertThat(me.text("email")).isEqualTo(email);
		}
	}

	private ConfigurableApplicationContext start() {
		// Command-line arguments outrank application.yml, as FORTRESS_* variables would.
		return new SpringApplicationBuilder(FortressApplication.class).run("--fortress.test.shared-database=false",
				"--fortress.db.url=", "--server.port=0", "--fortress.data-dir=" + this.dataDir,
				"--fortress.db.pool-size=3");
	}

	private static Http http(ConfigurableApplicationContext context) {
		return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
