package dev.fortress.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphQL over the {@link Http} client: a POST to {@code /graphql} through every gate,
 * with the caller's token, and what tests read from the answer.
 */
public final class GraphQl {

	private final Http http;

	public GraphQl(Http http) {
		this.http = http;
	}

	/** Sends the operation with the token ({@code null}: anonymously). */
	public Result send(@Nullable String token, String query, Map<String, ?> variables) {
		return send(token, query, variables, null);
	}

	public Result send(@Nullable String token, String query, Map<String, ?> variables, @Nullable String requestId) {
		Map<String, Object> body = new HashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		Http.Call call = this.http.post("/graphql", body);
		if (token != null) {
			call.token(token);
		}
		if (requestId != null) {
			call.header("X-Request-Id", requestId);
		}
		return new Result(call.send());
	}

	/** An answer: its HTTP response, {@code data} and {@code errors}. */
	public record Result(Http.Response response) {

		public JsonNode data() {
			return this.response.json().path("data");
		}

		public JsonNode errors() {
			return this.response.json().path("errors");
		}

		/** The data, after checking that the answer is a 200 without errors. */
		public JsonNode ok() {
			assertThat(this.response.status()).as(this.response.toString()).isEqualTo(200);
			assertThat(errors().isMissingNode() || errors().isEmpty()).as(this.response.toString()).isTrue();
			return data();
		}

		/** The problem type slugs of the errors, in order. */
		public List<String> errorTypes() {
			return StreamSupport.stream(errors().spliterator(), false)
				.map(error -> error.path("extensions").path("type").asString())
				.toList();
		}

		/**
		 * Checks that there is exactly one error, of this type, with the request id and
		 * no internals; returns it.
		 */
		public JsonNode singleError(String type) {
			assertThat(errorTypes()).as(this.response.toString()).containsExactly(type);
			JsonNode error = errors().get(0);
			assertThat(error.path("extensions").path("requestId").asString())
				.isEqualTo(this.response.header("X-Request-Id"));
			assertThat(this.response.body()).doesNotContain("Exception").doesNotContain("at dev.fortress");
			return error;
		}

	}

}
