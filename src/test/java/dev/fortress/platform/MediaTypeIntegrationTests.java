package dev.fortress.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media types a client declares ({@code Content-Type}) or asks for ({@code Accept}):
 * wildcards and malformed values are the client's mistake, answered with a problem, never
 * a 500 or a stack trace in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class MediaTypeIntegrationTests extends IntegrationTest {

	private static final String LOGIN = "{\"email\":\"nobody@example.com\",\"password\":\"not-the-password\"}";

	@ParameterizedTest
	@ValueSource(strings = { "application/*", "*/*", "text/*", "*", "application/*+json", "*/json",
			"application/json; charset=no-such-charset", "application/json; charset=\"", "application/json; x=\"open",
			"json;;;=", "application/json, text/plain" })
	void aBodyInAWildcardOrMalformedMediaTypeIs415(String contentType, CapturedOutput log) {
		Http.Response response = this.http.post("/api/v1/auth/login", LOGIN).header("Content-Type", contentType).send();
		assertProblem(response, 415, "unsupported-media-type");
		assertThat(log).doesNotContain("Unexpected error").doesNotContain("Content-Type cannot contain wildcard");
	}

	@Test
	void aWildcardContentTypeIsRefusedOnEveryMethodThatTakesABody(CapturedOutput log) {
		LoggedIn editor = loggedIn("EDITOR");
		Http.Response put = this.http.put("/api/v1/me/password", Map.of("currentPassword", "x", "newPassword", "y"))
			.token(editor.accessToken())
			.header("Content-Type", "application/*")
			.send();
		assertProblem(put, 415, "unsupported-media-type");
		Http.Response empty = this.http.post("/api/v1/auth/refresh", "").header("Content-Type", "*/*").send();
		assertProblem(empty, 415, "unsupported-media-type");
		assertThat(log).doesNotContain("Unexpected error");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json; charset=utf-8; x=y", "APPLICATION/JSON", "application/json;;",
			"application/json; charset=UTF-8" })
	void aConcreteJsonTypeWithParametersIsRead(String contentType) {
		Http.Response response = this.http.post("/api/v1/auth/login", LOGIN).header("Content-Type", contentType).send();
		assertProblem(response, 401, "unauthorized");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json;q=abc", "application/json; charset=no-such-charset",
			"application/json; x=\"open", ";;;" })
	void aMalformedAcceptIs406WithAProblemBody(String accept) {
		LoggedIn editor = loggedIn("EDITOR");
		Http.Response response = this.http.get("/api/v1/me")
			.token(editor.accessToken())
			.header("Accept", accept)
			.send();
		assertProblem(response, 406, "not-acceptable");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*", "*", "application/*+json", "text/html, */*;q=0.1",
			"application/json; charset=utf-8; x=y" })
	void wildcardAndParameterisedAcceptsGetJson(String accept) {
		LoggedIn editor = loggedIn("EDITOR");
		Http.Response response = this.http.get("/api/v1/me")
			.token(editor.accessToken())
			.header("Accept", accept)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.text("email")).isEqualTo(editor.email());
	}

	@Test
	void aDirectRequestForTheErrorPageIsNotFound(CapturedOutput log) {
		assertProblem(this.http.get("/error").send(), 404, "not-found");
		LoggedIn editor = loggedIn("EDITOR");
		assertProblem(this.http.post("/error", "{}").token(editor.accessToken()).send(), 404, "not-found");
		assertThat(log).doesNotContain("Unhandled failure");
	}

}
