package dev.fortress.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.fortress.identity.internal.Accounts;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every place that checks a password, or tells whether an account exists, is braked
 * against guessing. Small limits; this class runs in its own application context, so its
 * buckets start full. Accounts are set up through the service, not HTTP, so only the
 * requests under test spend the per-IP credential bucket.
 */
@TestPropertySource(properties = { "fortress.rate-limit.auth=5", "fortress.identity.login-failures-per-account=3" })
class CredentialGuessingIntegrationTests extends IntegrationTest {

	private static final String NEW_PASSWORD = "a-brand-new-secret";

	@Autowired
	Accounts accounts;

	@Test
	void wrongCurrentPasswordsAreThrottledLikeFailedLogins() {
		String email = createUser("pw-guess");
		String token = this.accounts.login(email, PASSWORD).accessToken();
		String hashBefore = passwordHash(email);
		for (int i = 0; i < 3; i++) {
			assertProblem(changePassword(token, "wrong-password-" + i), 400, "validation-error");
		}

		Http.Response throttled = changePassword(token, PASSWORD);
		assertProblem(throttled, 429, "rate-limited");
		ApiException login = loginFailure(email, PASSWORD);
		assertThat(login.type()).as("the same account's login").isEqualTo(ProblemType.RATE_LIMITED);
		assertThat(throttled.header("Retry-After")).isEqualTo(String.valueOf(login.retryAfter().toSeconds()));
		assertThat(throttled.text("detail")).isEqualTo(login.getMessage());
		assertThat(passwordHash(email)).as("the right password changed nothing while throttled").isEqualTo(hashBefore);
	}

	@Test
	void failedLoginsAndPasswordChangesShareOneBudget() {
		String email = createUser("shared-budget");
		String token = this.accounts.login(email, PASSWORD).accessToken();
		for (int i = 0; i < 3; i++) {
			assertThat(loginFailure(email, "wrong-password-" + i).type()).isEqualTo(ProblemType.UNAUTHORIZED);
		}
		assertProblem(changePassword(token, PASSWORD), 429, "rate-limited");
	}

	@Test
	void anotherAccountsFailuresDoNotThrottleAPasswordChange() {
		String victim = createUser("noisy-neighbour");
		for (int i = 0; i < 3; i++) {
			loginFailure(victim, "wrong-password-" + i);
		}
		String email = createUser("unaffected");
		String token = this.accounts.login(email, PASSWORD).accessToken();
		assertThat(changePassword(token, PASSWORD).status()).isEqualTo(204);
	}

	/**
	 * A registration for a taken e-mail answers 409, so registration tells whether an
	 * account exists; the per-IP credential bucket caps how many e-mails one client can
	 * probe, and once it is spent the answer is the same for taken and free e-mails.
	 */
	@Test
	void probingRegistrationForTakenEmailsIsCutOffByTheCredentialRateLimit() {
		String taken = createUser("taken");
		Http.Response first = register(taken);
		assertProblem(first, 409, "conflict");
		assertThat(first.header("RateLimit-Policy")).isEqualTo("\"auth\";q=5;w=60");
		for (int i = 0; i < 4; i++) {
			register(taken);
		}

		String free = uniqueEmail("free");
		Http.Response probeTaken = register(taken);
		Http.Response probeFree = register(free);
		assertProblem(probeTaken, 429, "rate-limited");
		assertProblem(probeFree, 429, "rate-limited");
		assertThat(probeFree.text("detail")).isEqualTo(probeTaken.text("detail"));
		assertThat(this.jdbc.sql("select count(*) from users where email = :email")
			.param("email", free)
			.query(Long.class)
			.single()).isZero();
	}

	private String createUser(String prefix) {
		String email = uniqueEmail(prefix);
		this.accounts.register(email, PASSWORD, prefix);
		return email;
	}

	private Http.Response changePassword(String token, String currentPassword) {
		return this.http
			.put("/api/v1/me/password", Map.of("currentPassword", currentPassword, "newPassword", NEW_PASSWORD))
			.token(token)
			.send();
	}

	private Http.Response register(String email) {
		return this.http
			.post("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "Probe"))
			.send();
	}

	private ApiException loginFailure(String email, String password) {
		return catchThrowableOfType(ApiException.class, () -> this.accounts.login(email, password));
	}

	private String passwordHash(String email) {
		return this.jdbc.sql("select password_hash from users where email = :email")
			.param("email", email)
			.query(String.class)
			.single();
	}

}
