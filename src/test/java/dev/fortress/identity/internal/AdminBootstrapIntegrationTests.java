package dev.fortress.identity.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.identity.Role;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminBootstrapIntegrationTests extends IntegrationTest {

	@Autowired
	Accounts accounts;

	@Autowired
	Users users;

	@Test
	void createsTheAdminOnceAndPromotesAnExistingAccount() {
		String email = uniqueEmail("boot-admin");
		bootstrap(email, "an-admin-passphrase");
		User admin = this.users.findByEmail(email).orElseThrow();
		assertThat(admin.role()).isEqualTo(Role.ADMIN);
		bootstrap(email, "an-admin-passphrase");
		assertThat(this.jdbc.sql("select count(*) from users where email = :e")
			.param("e", email)
			.query(Long.class)
			.single()).isEqualTo(1);

		TestUser existing = newUser("promote-me");
		this.jdbc.sql("update users set disabled = true where id = :id").param("id", existing.id()).update();
		bootstrap(existing.email(), "ignored-for-existing");
		User promoted = this.users.findById(existing.id()).orElseThrow();
		assertThat(promoted.role()).isEqualTo(Role.ADMIN);
		assertThat(promoted.disabled()).isFalse();
	}

	@Test
	void aWeakAdminPasswordStopsTheStart() {
		assertThatThrownBy(() -> bootstrap(uniqueEmail("weak-admin"), "password"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("FORTRESS_ADMIN_PASSWORD");
	}

	private void bootstrap(String email, String password) {
		IdentityProperties properties = new IdentityProperties(email, password, "", null, null, null, null, 4, 10,
				Duration.ofMinutes(15));
		new AdminBootstrap(properties, this.accounts, this.users).run(null);
	}

}
