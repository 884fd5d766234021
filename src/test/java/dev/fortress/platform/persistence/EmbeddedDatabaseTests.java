package dev.fortress.platform.persistence;

import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fortress.FortressApplication;
import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default a newcomer gets: no database configured, so the application starts its own
 * PostgreSQL under the data directory. That server is durable (fsync and synchronous
 * commit on), listens on loopback only and lets nobody in without a password: the
 * application connects as a role that owns its schema and nothing else. A second start
 * reuses the passwords, sees the first start's data and still accepts the tokens it
 * issued; a data directory made before passwords existed is secured on its first start.
 */
class EmbeddedDatabaseTests {

	private static final String PASSWORD = "correct-horse-battery-staple";

	@TempDir
	Path dataDir;

	@Test
	void dataPasswordsAndSigningKeySurviveARestartOnADurableServer() throws Exception {
		String email = "persistent@example.com";
		String accessToken;
		String passwords;
		try (ConfigurableApplicationContext first = start()) {
			try (Connection connection = first.getBean(DataSource.class).getConnection()) {
				assertThat(show(connection, "fsync")).isEqualTo("on");
				assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
				assertThat(show(connection, "full_page_writes")).isEqualTo("on");
			}
			Http http = http(first);
			assertThat(
					http.post("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "P"))
						.send()
						.status())
				.isEqualTo(201);
			accessToken = http.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD))
				.send()
				.text("accessToken");
		}
		assertThat(this.dataDir.resolve("postgres/PG_VERSION")).exists();
		assertOwnerOnly(this.dataDir.resolve("keys/jwt-signing.pem"));
		Path passwordFile = this.dataDir.resolve("keys/postgres.properties");
		assertOwnerOnly(passwordFile);
		passwords = Files.readString(passwordFile);

		try (ConfigurableApplicationContext second = start()) {
			Http http = http(second);
			Http.Response me = http.get("/api/v1/me").token(accessToken).send();
			assertThat(me.status()).as(me.toString()).isEqualTo(200);
			assertThat(me.text("email")).isEqualTo(email);
		}
		assertThat(Files.readString(passwordFile)).as("the passwords are generated once").isEqualTo(passwords);
	}

	@Test
	void nobodyGetsInWithoutAPasswordAndTheApplicationIsNoSuperuser() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			String url = jdbcUrl(context);
			assertRefused(url, "postgres", "");
			assertRefused(url, "postgres", "guess");
			assertRefused(url, "fortress", "");
			assertThat(canConnect(url, "postgres", passwords().getProperty("superuser")))
				.as("the superuser's password is in the file")
				.isTrue();

			JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
			assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("fortress");
			assertThat(jdbc
				.sql("select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user")
				.query(Boolean.class)
				.single()).isFalse();
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertDenied(connection, "copy (select 1) to program 'true'");
				assertDenied(connection, "copy (select 1) to '/dev/null'");
				assertDenied(connection, "alter role postgres password 'taken-over'");
				assertDenied(connection, "alter role fortress superuser");
				assertDenied(connection, "create role intruder login superuser");
				assertDenied(connection, "create role intruder");
				assertDenied(connection, "create database intruder");
			}
			assertThat(jdbc.sql("select count(*) from pg_database where datdba = 'fortress'::regrole")
				.query(Integer.class)
				.single()).as("owns no database").isZero();
			assertThat(jdbc.sql("select nspname from pg_namespace where nspowner = 'fortress'::regrole")
				.query(String.class)
				.list()).as("owns only the application's schema").containsExactly("public");
			assertThat(
					jdbc.sql("select count(*) from pg_tables where schemaname = 'public' and tableowner <> 'fortress'")
						.query(Integer.class)
						.single())
				.as("owns every table of it")
				.isZero();

			assertThat(jdbc.sql("show listen_addresses").query(String.class).single()).isEqualTo("localhost");
			int port = port(url);
			Optional<InetAddress> outside = nonLoopbackAddress();
			if (outside.isPresent()) {
				assertThat(accepts(outside.get(), port)).as("listening on " + outside.get()).isFalse();
			}
		}
	}

	@Test
	void aDataDirectoryFromBeforePasswordsIsSecuredOnItsFirstStart() throws Exception {
		String email = "veteran@example.com";
		createDataDirectoryWithoutPasswords(email);

		try (ConfigurableApplicationContext context = start()) {
			String url = jdbcUrl(context);
			assertRefused(url, "postgres", "");
			JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
			assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("fortress");
			assertThat(
					jdbc.sql("select count(*) from pg_tables where schemaname = 'public' and tableowner <> 'fortress'")
						.query(Integer.class)
						.single())
				.as("tables made by the superuser now belong to the application's role")
				.isZero();
			assertThat(jdbc.sql("select count(*) from users where email = :email")
				.param("email", email)
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(http(context)
				.post("/api/v1/auth/register",
						Map.of("email", "newcomer@example.com", "password", PASSWORD, "displayName", "N"))
				.send()
				.status()).isEqualTo(201);
		}
		assertOwnerOnly(this.dataDir.resolve("keys/postgres.properties"));
		try (ConfigurableApplicationContext again = start()) {
			assertRefused(jdbcUrl(again), "postgres", "");
			assertThat(JdbcClient.create(again.getBean(DataSource.class))
				.sql("select count(*) from users where email in ('veteran@example.com', 'newcomer@example.com')")
				.query(Integer.class)
				.single()).isEqualTo(2);
		}
	}

	@Test
	void productionRefusesTheEmbeddedDatabaseUnlessExplicitlyAllowed() throws Exception {
		assertThatThrownBy(() -> startProduction()).hasStackTraceContaining("FORTRESS_ALLOW_EMBEDDED_DB")
			.hasStackTraceContaining("FORTRESS_DB_URL");
		assertThat(this.dataDir.resolve("postgres")).as("nothing was started").doesNotExist();

		try (ConfigurableApplicationContext context = startProduction("--FORTRESS_ALLOW_EMBEDDED_DB=true")) {
			assertThat(http(context).get("/actuator/health").send().status()).isEqualTo(200);
		}
	}

	/**
	 * What earlier versions left behind: a cluster made with {@code trust} for every
	 * local connection, whose schema the superuser migrated and owns.
	 */
	private void createDataDirectoryWithoutPasswords(String email) throws IOException {
		try (EmbeddedPostgres legacy = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDir.resolve("postgres"))
			.setCleanDataDirectory(false)
			.start()) {
			DataSource superuser = legacy.getPostgresDatabase();
			Flyway.configure().dataSource(superuser).locations("classpath:db/migration").load().migrate();
			JdbcClient.create(superuser).sql("""
					insert into users (id, email, display_name, password_hash, role, created_at, updated_at)
					values (gen_random_uuid(), :email, 'V', 'x', 'EDITOR', now(), now())
					""").param("email", email).update();
		}
	}

	private ConfigurableApplicationContext start() {
		// Command-line arguments outrank application.yml, as FORTRESS_* variables would.
		return new SpringApplicationBuilder(FortressApplication.class).run("--fortress.test.shared-database=false",
				"--fortress.db.url=", "--server.port=0", "--fortress.data-dir=" + this.dataDir,
				"--fortress.db.pool-size=3");
	}

	private ConfigurableApplicationContext startProduction(String... extra) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		String[] arguments = { "--fortress.test.shared-database=false", "--fortress.db.url=", "--server.port=0",
				"--fortress.data-dir=" + this.dataDir, "--fortress.db.pool-size=3",
				"--fortress.identity.jwt-private-key=" + pem, "--fortress.payments.psp-url=http://127.0.0.1:9",
				"--fortress.payments.api-key=sk_live_not_used_here" };
		return new SpringApplicationBuilder(FortressApplication.class).profiles("prod")
			.run(Stream.concat(Arrays.stream(arguments), Arrays.stream(extra)).toArray(String[]::new));
	}

	private Properties passwords() throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(this.dataDir.resolve("keys/postgres.properties"))) {
			properties.load(reader);
		}
		return properties;
	}

	private static void assertOwnerOnly(Path file) throws IOException {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
			.isEqualTo("rw-------");
	}

	private static String jdbcUrl(ConfigurableApplicationContext context) {
		return context.getBean(HikariDataSource.class).getJdbcUrl();
	}

	private static int port(String jdbcUrl) {
		return Integer.parseInt(jdbcUrl.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
	}

	private static void assertRefused(String url, String user, String password) {
		assertThat(canConnect(url, user, password)).as("%s with password '%s' gets in", user, password).isFalse();
	}

	private static boolean canConnect(String url, String user, String password) {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		try (Connection connection = DriverManager.getConnection(url.replaceAll("[?&]user=[^&]*", ""), properties)) {
			return connection.isValid(2);
		}
		catch (SQLException refused) {
			return false;
		}
	}

	private static void assertDenied(Connection connection, String sql) {
		assertThatThrownBy(() -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}).as(sql).isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getSQLState()).isEqualTo("42501"));
	}

	private static String show(Connection connection, String setting) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("show " + setting)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		return NetworkInterface.networkInterfaces()
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
	}

	private static boolean accepts(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 1_000);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

	private static Http http(ConfigurableApplicationContext context) {
		return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
