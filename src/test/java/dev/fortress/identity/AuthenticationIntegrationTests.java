package dev.fortress.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationIntegrationTests extends IntegrationTest {

	@Test
	void registerLoginMeRefreshLogoutJourney() {
		String email = uniqueEmail("Journey").toUpperCase();
		Http.Response registered = this.http
			.post("/api/v1/auth/register",
					Map.of("email", "  " + email + " ", "password", PASSWORD, "displayName", "Jo"))
			.send();
		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
		assertThat(registered.text("email")).isEqualTo(email.toLowerCase());
		assertThat(registered.text("role")).isEqualTo("EDITOR");
		assertThat(registered.body()).doesNotContain("password");

		Http.Response login = this.http.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).send();
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.text("tokenType")).isEqualTo("Bearer");
		assertThat(login.json().path("expiresIn").asInt()).isEqualTo(900);

		Http.Response me = this.http.get("/api/v1/me").token(login.text("accessToken")).send();
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.text("id")).isEqualTo(registered.text("id"));
		assertThat(me.header("ETag")).isNotBlank();

		Http.Response refreshed = this.http
			.post("/api/v1/auth/refresh", Map.of("refreshToken", login.text("refreshToken")))
			.send();
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.text("refreshToken")).isNotEqualTo(login.text("refreshToken"));

		Http.Response logout = this.http
			.post("/api/v1/auth/logout", Map.of("refreshToken", refreshed.text("refreshToken")))
			.token(refreshed.text("accessToken"))
			.send();
		assertThat(logout.status()).isEqualTo(204);
		Http.Response afterLogout = this.http
			.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshed.text("refreshToken")))
			.send();
		assertThat(afterLogout.status()).isEqualTo(401);
	}

}
