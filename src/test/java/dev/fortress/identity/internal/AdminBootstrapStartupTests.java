package dev.fortress.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fortress.FortressApplication;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The admin bootstrap against a whole second application started on the test database: an
 * account that someone registered under {@code FORTRESS_ADMIN_EMAIL} never becomes an
 * admin that answers to that someone's password, whether it was registered before the
 * start (the restart case) or while the start was under way (the race).
 */
class AdminBootstrapStartupTests extends IntegrationTest {

	private static final String ADMIN_PASSWORD = "the-configured-admin-secret";

	@Autowired
	DataSource dataSource;

	@Autowired
	PasswordHasher hasher;

	@Test
	void aRestartDoesNotLetAPreRegisteredAccountInAsAdminWithItsOwnPassword() {
		TestUser attacker = newUser("pre-registered");
		LoggedIn session = login(attacker);

		try (ConfigurableApplicationContext restarted = start(0, attacker.email())) {
			Http http = new Http(((WebServerApplicationContext) restarted).getWebServer().getPort());
			assertProblem(login(http, attacker.email(), PASSWORD), 401, "unauthorized");
			assertProblem(http.get("/api/v1/me").token(session.accessToken()).send(), 401, "unauthorized");
			assertProblem(http.post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken())).send(), 401,
					"unauthorized");
			assertThat(roleOf(http, login(http, attacker.email(), ADMIN_PASSWORD))).isEqualTo("ADMIN");
		}
	}

	/**
	 * The racing registration is held uncommitted in the database, so the bootstrap's own
	 * insert waits on it: while it waits, the port must not accept a connection. Then the
	 * registration commits first, as a racer that wins would.
	 */
	@Test
	void aRegistrationRacingTheStartIsNotPromotedAndNothingIsServedBeforeTheBootstrap() throws Exception {
		String email = uniqueEmail("racer");
		int port = freePort();
		ExecutorService starter = Executors.newSingleThreadExecutor();
		Future<ConfigurableApplicationContext> starting;
		try (Connection racer = this.dataSource.getConnection()) {
			racer.setAutoCommit(false);
			insertUser(racer, email, this.hasher.hash(PASSWORD));
			starting = starter.submit(() -> start(port, email));
			try {
				awaitBootstrapWaitingFor(starting);
				assertNoConnectionAccepted(port);
			}
			finally {
				racer.commit();
			}
		}
		try (ConfigurableApplicationContext started = starting.get(3, TimeUnit.MINUTES)) {
			Http http = new Http(port);
			assertProblem(login(http, email, PASSWORD), 401, "unauthorized");
			assertThat(roleOf(http, login(http, email, ADMIN_PASSWORD))).isEqualTo("ADMIN");
		}
		finally {
			starter.shutdown();
		}
	}

	private static ConfigurableApplicationContext start(int port, String adminEmail) {
		return new SpringApplicationBuilder(FortressApplication.class).run("--server.port=" + port,
				"--fortress.identity.admin-email=" + adminEmail,
				"--fortress.identity.admin-password=" + ADMIN_PASSWORD);
	}

	private static void insertUser(Connection connection, String email, String hash) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement(
				"""
						insert into users (id, email, display_name, password_hash, role, disabled, version, created_at, updated_at)
						values (?, ?, 'Racer', ?, 'EDITOR', false, 0, ?, ?)
						""")) {
			Timestamp now = Timestamp.from(Instant.now());
			insert.setObject(1, UUID.randomUUID());
			insert.setString(2, email);
			insert.setString(3, hash);
			insert.setTimestamp(4, now);
			insert.setTimestamp(5, now);
			insert.executeUpdate();
		}
	}

	/** Until the starting application's insert into {@code users} waits on a lock. */
	private void awaitBootstrapWaitingFor(Future<ConfigurableApplicationContext> starting) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (System.nanoTime() < deadline) {
			if (starting.isDone()) {
				starting.get().close();
				fail("The application started without waiting for the racing registration");
			}
			long waiting = this.jdbc.sql("""
					select count(*) from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock'
					 and query ilike '%insert into users%'
					""").query(Long.class).single();
			if (waiting > 0) {
				return;
			}
			Thread.sleep(50);
		}
		fail("The bootstrap never reached its insert");
	}

	private static void assertNoConnectionAccepted(int port) throws InterruptedException {
		for (int attempt = 0; attempt < 10; attempt++) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("localhost", port), 500);
				fail("Port " + port + " accepted a connection before the admin bootstrap finished");
			}
			catch (ConnectException expected) {
				// refused: nothing listens yet
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread.sleep(100);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Http.Response login(Http http, String email, String password) {
		return http.post("/api/v1/auth/login", Map.of("email", email, "password", password)).send();
	}

	private static String roleOf(Http http, Http.Response login) {
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		return http.get("/api/v1/me").token(login.text("accessToken")).send().text("role");
	}

}
