package dev.fortress.platform.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.GraphQl;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL endpoint's defences, over real HTTP: deep, complex and alias-heavy queries
 * are refused before anything runs; every error carries its problem type and the request
 * id, never internals; GraphiQL and introspection are there outside production.
 */
class GraphQlProtectionIntegrationTests extends IntegrationTest {

	private GraphQl graphQl() {
		return new GraphQl(this.http);
	}

	@Test
	void aDeeplyNestedQueryIsRefusedBeforeItRuns() {
		LoggedIn user = loggedIn("EDITOR");
		// a task's subtasks' subtasks' ...: 16 levels
		String deep = "{ projects { nodes { tasks { nodes { " + "subtasks { nodes { ".repeat(6) + "id"
				+ " } }".repeat(6) + " } } } } }";
		GraphQl.Result refused = graphQl().send(user.accessToken(), deep, Map.of());
		JsonNode error = refused.singleError("validation-error");
		assertThat(error.path("message").asString()).contains("levels deep");
		assertThat(refused.data().isMissingNode() || refused.data().isNull()).isTrue();
	}

	@Test
	void aQueryThatMayFanOutTooFarIsRefused() {
		LoggedIn user = loggedIn("EDITOR");
		// 100 projects x 100 tasks x 100 comments: a million comment fields
		String wide = """
				{ projects(first: 100) { nodes { tasks(first: 100) { nodes {
				  comments(first: 100) { nodes { body } } } } } } }
				""";
		JsonNode error = graphQl().send(user.accessToken(), wide, Map.of()).singleError("validation-error");
		assertThat(error.path("message").asString()).contains("may resolve");
	}

	@Test
	void aQueryWithManyAliasesIsRefused() {
		LoggedIn user = loggedIn("EDITOR");
		StringBuilder query = new StringBuilder("{");
		for (int i = 0; i < 40; i++) {
			query.append(" a").append(i).append(": me { id }");
		}
		query.append(" }");
		JsonNode error = graphQl().send(user.accessToken(), query.toString(), Map.of()).singleError("validation-error");
		assertThat(error.path("message").asString()).contains("aliases");
		// a few aliases are fine
		assertThat(graphQl().send(user.accessToken(), "{ a: me { id } b: me { email } }", Map.of())
			.ok()
			.path("b")
			.path("email")
			.asString()).isEqualTo(user.email());
	}

	@Test
	void errorsCarryTheProblemTypeAndTheRequestIdAndNoInternals() {
		LoggedIn user = loggedIn("EDITOR");
		String requestId = "gql-" + UUID.randomUUID();
		GraphQl.Result missing = graphQl().send(user.accessToken(), "query($id: ID!) { task(id: $id) { id } }",
				Map.of("id", UUID.randomUUID().toString()), requestId);
		JsonNode error = missing.singleError("not-found");
		assertThat(error.path("extensions").path("requestId").asString()).isEqualTo(requestId);
		assertThat(error.path("message").asString()).isEqualTo("Task not found");
		assertThat(error.path("path").get(0).asString()).isEqualTo("task");

		graphQl().send(user.accessToken(), "{ me { id ", Map.of()).singleError("malformed-request");
		// a NUL character in a literal, as in a variable, never reaches PostgreSQL
		graphQl().send(user.accessToken(), "{ products(q: \"a\\u0000b\") { nodes { id } } }", Map.of())
			.singleError("malformed-request");
		graphQl().send(user.accessToken(), "{ me { password } }", Map.of()).singleError("validation-error");
		graphQl().send(user.accessToken(), "{ projects(first: 0) { nodes { id } } }", Map.of())
			.singleError("validation-error");
		graphQl().send(user.accessToken(), "{ projects(after: \"bm9wZQ\") { nodes { id } } }", Map.of())
			.singleError("validation-error");
	}

	@Test
	void publicFieldsAnswerWithoutATokenAndPrivateOnesInTheSameQueryDoNot() {
		GraphQl.Result mixed = graphQl().send(null, "{ products(first: 1) { nodes { id } } me { id } }", Map.of());
		assertThat(mixed.errorTypes()).containsExactly("unauthorized");
		assertThat(mixed.data().path("products").path("nodes").isArray()).isTrue();
		assertThat(mixed.data().path("me").isNull()).isTrue();
	}

	@Test
	void otherMethodsAreRefusedAsOnEveryPath() {
		for (Http.Response refused : List.of(this.http.get("/graphql?query=%7Bme%7Bid%7D%7D").send(),
				this.http.put("/graphql", Map.of("query", "{ me { id } }")).send(),
				this.http.delete("/graphql").send())) {
			assertProblem(refused, 405, "method-not-allowed");
			assertThat(refused.header("Allow")).isEqualTo("POST");
		}
	}

	@Test
	void graphiqlAndIntrospectionAreAvailableOutsideProduction() {
		Http.Response page = this.http.get("/graphiql?path=/graphql").send();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("graphiql");
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self' 'unsafe-inline' https://esm.sh");
		JsonNode schema = graphQl().send(null, "{ __schema { queryType { name } } }", Map.of()).ok();
		assertThat(schema.path("__schema").path("queryType").path("name").asString()).isEqualTo("Query");
	}

}
