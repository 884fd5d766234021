package dev.fortress.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.identity.Role;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the admin bootstrap does to the account it is given, run on its own. */
class AdminBootstrapIntegrationTests extends IntegrationTest {

	private static final String ADMIN_PASSWORD = "an-admin-passphrase";

	@Autowired
	Accounts accounts;

	@Autowired
	Users users;

	@Autowired
	PasswordPolicy policy;

	@Autowired
	PasswordHasher hasher;

	@Autowired
	Sessions sessions;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	@Test
	void createsTheAdminOnce() {
		String email = uniqueEmail("boot-admin");
		bootstrap(email, ADMIN_PASSWORD);
		User admin = this.users.findByEmail(email).orElseThrow();
		assertThat(admin.role()).isEqualTo(Role.ADMIN);
		assertThat(this.hasher.matches(ADMIN_PASSWORD, admin.passwordHash())).isTrue();
		bootstrap(email, ADMIN_PASSWORD);
		assertThat(this.jdbc.sql("select count(*) from users where email = :e")
			.param("e", email)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anExistingAccountBecomesAdminOnlyWithTheConfiguredPasswordAndNoneOfItsSessions() {
		TestUser existing = newUser("promote-me");
		LoggedIn session = login(existing);
		this.jdbc.sql("update users set disabled = true where id = :id").param("id", existing.id()).update();

		bootstrap(existing.email(), ADMIN_PASSWORD);

		User promoted = this.users.findById(existing.id()).orElseThrow();
		assertThat(promoted.role()).isEqualTo(Role.ADMIN);
		assertThat(promoted.disabled()).isFalse();
		assertThat(this.hasher.matches(ADMIN_PASSWORD, promoted.passwordHash())).isTrue();
		assertThat(this.hasher.matches(PASSWORD, promoted.passwordHash())).isFalse();
		assertThat(this.http.get("/api/v1/me").token(session.accessToken()).send().status()).isEqualTo(401);
		assertThat(
				this.http.post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken())).send().status())
			.isEqualTo(401);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anActiveAdminKeepsThePasswordItChoseAndItsSessions(CapturedOutput output) {
		String email = uniqueEmail("settled-admin");
		bootstrap(email, ADMIN_PASSWORD);
		User admin = this.users.findByEmail(email).orElseThrow();
		this.accounts.changePassword(admin.id(), ADMIN_PASSWORD, "the-admins-own-choice");
		String token = this.accounts.login(email, "the-admins-own-choice").accessToken();

		bootstrap(email, ADMIN_PASSWORD);

		assertThat(this.hasher.matches("the-admins-own-choice",
				this.users.findById(admin.id()).orElseThrow().passwordHash()))
			.isTrue();
		assertThat(this.http.get("/api/v1/me").token(token).send().status()).isEqualTo(200);
		assertThat(output).contains("Admin account " + email + " does not answer to FORTRESS_ADMIN_PASSWORD");
	}

	@Test
	void aWeakAdminPasswordStopsTheStart() {
		assertThatThrownBy(() -> bootstrap(uniqueEmail("weak-admin"), "password"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("FORTRESS_ADMIN_PASSWORD");
	}

	private void bootstrap(String email, String password) {
		IdentityProperties properties = new IdentityProperties(email, password, "", null, null, null, null, 4, 0.2, 10,
				Duration.ofMinutes(15));
		new AdminBootstrap(properties, this.accounts, this.users, this.policy, this.hasher, this.sessions,
				this.transactions, this.clock)
			.afterSingletonsInstantiated();
	}

}
