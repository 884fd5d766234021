package dev.fortress.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Refresh-token rotation, reuse detection and the ways a session ends. */
class SessionIntegrationTests extends IntegrationTest {

	@Test
	void refreshRotatesAndTheOldTokenStopsWorking() {
		LoggedIn user = loggedIn("EDITOR");
		Http.Response first = refresh(user.refreshToken());
		assertThat(first.status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/me").token(first.text("accessToken")).send().status()).isEqualTo(200);
		assertProblem(refresh(user.refreshToken()), 401, "unauthorized");
	}

	@Test
	void reusingAUsedTokenRevokesTheWholeFamily() {
		LoggedIn user = loggedIn("EDITOR");
		String next = refresh(user.refreshToken()).text("refreshToken");
		assertThat(refresh(user.refreshToken()).status()).isEqualTo(401); // the stolen
																			// copy
		assertProblem(refresh(next), 401, "unauthorized"); // the legitimate one is gone
															// too
	}

	@Test
	void otherSessionsSurviveAFamilyRevocation() {
		TestUser account = newUser("two-devices");
		LoggedIn phone = login(account);
		LoggedIn laptop = login(account);
		refresh(phone.refreshToken());
		refresh(phone.refreshToken()); // reuse on the phone's family
		assertThat(refresh(laptop.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void twoConcurrentRefreshesWithOneTokenYieldAtMostOneSuccess() throws Exception {
		for (int round = 0; round < 5; round++) {
			LoggedIn user = loggedIn("EDITOR");
			ExecutorService pool = Executors.newFixedThreadPool(2);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Http.Response>> calls = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return refresh(user.refreshToken());
				}));
			}
			start.countDown();
			int ok = 0;
			for (Future<Http.Response> call : calls) {
				int status = call.get().status();
				assertThat(status).isIn(200, 401);
				ok += status == 200 ? 1 : 0;
			}
			pool.shutdown();
			assertThat(ok).isLessThanOrEqualTo(1);
		}
	}

	@Test
	void logoutEndsOnlyTheCallersOwnSession() {
		LoggedIn alice = loggedIn("EDITOR");
		LoggedIn mallory = loggedIn("EDITOR");
		Http.Response foreign = this.http.post("/api/v1/auth/logout", Map.of("refreshToken", alice.refreshToken()))
			.token(mallory.accessToken())
			.send();
		assertThat(foreign.status()).isEqualTo(204);
		assertThat(refresh(alice.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void logoutNeedsAnAccessToken() {
		LoggedIn user = loggedIn("EDITOR");
		Http.Response response = this.http.post("/api/v1/auth/logout", Map.of("refreshToken", user.refreshToken()))
			.send();
		assertProblem(response, 401, "unauthorized");
	}

	@Test
	void changingThePasswordEndsEverySession() {
		TestUser account = newUser("pw-change");
		LoggedIn one = login(account);
		LoggedIn two = login(account);
		Http.Response changed = this.http
			.put("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "a-brand-new-secret"))
			.token(one.accessToken())
			.send();
		assertThat(changed.status()).isEqualTo(204);
		assertThat(refresh(one.refreshToken()).status()).isEqualTo(401);
		assertThat(refresh(two.refreshToken()).status()).isEqualTo(401);
		assertProblem(this.http.get("/api/v1/me").token(one.accessToken()).send(), 401, "unauthorized");
		assertProblem(this.http.get("/api/v1/me").token(two.accessToken()).send(), 401, "unauthorized");
		assertThat(this.http.post("/api/v1/auth/login", Map.of("email", account.email(), "password", PASSWORD))
			.send()
			.status()).isEqualTo(401);
		assertThat(
				this.http.post("/api/v1/auth/login", Map.of("email", account.email(), "password", "a-brand-new-secret"))
					.send()
					.status())
			.isEqualTo(200);
	}

	@Test
	void aPasswordChangeNeedsTheCurrentPasswordAndAGoodNewOne() {
		LoggedIn user = loggedIn("EDITOR");
		Http.Response wrongCurrent = this.http
			.put("/api/v1/me/password", Map.of("currentPassword", "wrong-password", "newPassword", "another-secret"))
			.token(user.accessToken())
			.send();
		assertProblem(wrongCurrent, 400, "validation-error");
		Http.Response weak = this.http
			.put("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "password1"))
			.token(user.accessToken())
			.send();
		assertProblem(weak, 400, "validation-error");
		assertThat(refresh(user.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void invalidRefreshRequestsAreRejected() {
		assertProblem(refresh("made-up-token"), 401, "unauthorized");
		assertProblem(this.http.post("/api/v1/auth/refresh", Map.of()).send(), 400, "validation-error");
	}

	private Http.Response refresh(String token) {
		return this.http.post("/api/v1/auth/refresh", Map.of("refreshToken", token)).send();
	}

}
