package dev.fortress.platform.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.execution.ErrorType;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * The shape of every GraphQL error Fortress answers: a message fit for the client (never
 * an exception's text or a stack trace) and {@code extensions} with the problem
 * {@code type} slug the REST API would answer, the {@code requestId} of the HTTP request
 * and, for invalid input, the same {@code errors} list of fields as a problem body.
 */
final class GraphQlErrors {

	/** Where the request id travels in the GraphQL context. */
	static final String REQUEST_ID = "fortress.requestId";

	private GraphQlErrors() {
	}

	static GraphQLError of(String message, ProblemType type, @Nullable String requestId) {
		return GraphqlErrorBuilder.newError()
			.message(message)
			.errorType(classification(type))
			.extensions(extensions(type, requestId))
			.build();
	}

	static GraphQLError of(ApiException ex, DataFetchingEnvironment environment) {
		Map<String, Object> extensions = extensions(ex.type(), requestId(environment.getGraphQlContext()));
		if (!ex.errors().isEmpty()) {
			extensions.put("errors",
					ex.errors()
						.stream()
						.map(error -> Map.of("field", error.field(), "message", error.message()))
						.toList());
		}
		if (ex.retryAfter() != null) {
			extensions.put("retryAfter", ex.retryAfter().toSeconds());
		}
		return GraphqlErrorBuilder.newError(environment)
			.message(ex.getMessage())
			.errorType(classification(ex.type()))
			.extensions(extensions)
			.build();
	}

	static Map<String, Object> extensions(ProblemType type, @Nullable String requestId) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("type", type.slug());
		if (requestId != null) {
			extensions.put("requestId", requestId);
		}
		return extensions;
	}

	static @Nullable String requestId(GraphQLContext context) {
		return context.get(REQUEST_ID);
	}

	/** The problem type of an error graphql-java raised itself (parsing, validation). */
	static ProblemType typeOf(@Nullable ErrorClassification classification) {
		if (classification == null) {
			return ProblemType.INTERNAL_ERROR;
		}
		return switch (classification.toString()) {
			case "InvalidSyntax" -> ProblemType.MALFORMED_REQUEST;
			case "ValidationError", "ExecutionAborted", "OperationNotSupported", "BAD_REQUEST" ->
				ProblemType.VALIDATION_ERROR;
			// introspection is switched off in production
			case "IntrospectionDisabled" -> ProblemType.FORBIDDEN;
			case "UNAUTHORIZED" -> ProblemType.UNAUTHORIZED;
			case "FORBIDDEN" -> ProblemType.FORBIDDEN;
			case "NOT_FOUND" -> ProblemType.NOT_FOUND;
			default -> ProblemType.INTERNAL_ERROR;
		};
	}

	private static ErrorClassification classification(ProblemType type) {
		return switch (type.status().value()) {
			case 400, 409, 412, 413, 415, 422 -> ErrorType.BAD_REQUEST;
			case 401 -> ErrorType.UNAUTHORIZED;
			case 403 -> ErrorType.FORBIDDEN;
			case 404 -> ErrorType.NOT_FOUND;
			default -> ErrorType.INTERNAL_ERROR;
		};
	}

}
