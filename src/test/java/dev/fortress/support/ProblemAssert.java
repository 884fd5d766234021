package dev.fortress.support;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The problem+json contract of docs/api.md, checked in one place for every test. */
public final class ProblemAssert {

	private ProblemAssert() {
	}

	public static void assertProblem(Http.Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text("type")).isEqualTo("https://fortress.dev/problems/" + type);
		assertThat(response.json().path("status").asInt()).isEqualTo(status);
		assertThat(response.text("title")).isNotBlank();
		assertThat(response.text("instance")).startsWith("/");
		assertThat(response.text("requestId")).isEqualTo(response.header("X-Request-Id"));
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.fortress");
	}

}
