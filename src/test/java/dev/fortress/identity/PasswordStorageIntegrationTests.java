package dev.fortress.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What is actually stored for a password, and how old hashes get upgraded. */
class PasswordStorageIntegrationTests extends IntegrationTest {

	@Test
	void passwordsAreStoredAsArgon2idWithOwaspParameters() {
		TestUser user = newUser("hash");
		String hash = storedHash(user);
		assertThat(hash).startsWith("{argon2id}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(hash).doesNotContain(PASSWORD);
		TestUser other = newUser("hash");
		assertThat(storedHash(other)).as("random salt").isNotEqualTo(hash);
	}

	@Test
	void aWeakerHashIsUpgradedOnTheNextSuccessfulLogin() {
		TestUser user = newUser("rehash");
		String weak = "{argon2id}" + new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(PASSWORD);
		this.jdbc.sql("update users set password_hash = :h where id = :id")
			.param("h", weak)
			.param("id", user.id())
			.update();
		assertThat(this.http.post("/api/v1/auth/login", Map.of("email", user.email(), "password", PASSWORD))
			.send()
			.status()).isEqualTo(200);
		assertThat(storedHash(user)).startsWith("{argon2id}$argon2id$v=19$m=19456,t=2,p=1$");
	}

	private String storedHash(TestUser user) {
		return this.jdbc.sql("select password_hash from users where id = :id")
			.param("id", user.id())
			.query(String.class)
			.single();
	}

}
