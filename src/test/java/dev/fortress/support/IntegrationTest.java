package dev.fortress.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base for tests that drive the whole application over real HTTP against a real
 * PostgreSQL. All subclasses share one application context. Helpers create users with
 * unique e-mails, so tests never depend on each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

	public static final String PASSWORD = "correct-horse-battery-staple";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	protected Http http;

	@BeforeEach
	void connect() {
		this.http = new Http(this.port);
	}

	protected static String uniqueEmail(String prefix) {
		return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
				+ "@example.com";
	}

	/** Registers a new user and returns its id. */
	protected TestUser newUser(String prefix) {
		String email = uniqueEmail(prefix);
		Http.Response registered = this.http
			.post("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", prefix))
			.send();
		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
		return new TestUser(UUID.fromString(registered.text("id")), email);
	}

	/** A new user with the given global role, logged in. */
	protected LoggedIn loggedIn(String role) {
		TestUser user = newUser(role.toLowerCase());
		if (!"EDITOR".equals(role)) {
			this.jdbc.sql("update users set role = :role where id = :id")
				.param("role", role)
				.param("id", user.id())
				.update();
		}
		return login(user);
	}

	protected LoggedIn login(TestUser user) {
		return login(user, PASSWORD);
	}

	protected LoggedIn login(TestUser user, String password) {
		Http.Response response = this.http
			.post("/api/v1/auth/login", Map.of("email", user.email(), "password", password))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return new LoggedIn(user.id(), user.email(), response.text("accessToken"), response.text("refreshToken"));
	}

	public record TestUser(UUID id, String email) {
	}

	public record LoggedIn(UUID id, String email, String accessToken, String refreshToken) {
	}

}
