package dev.fortress.platform.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.introspection.Introspection;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ProblemType;

/**
 * Carries the HTTP request's id into the GraphQL execution (for the errors of its
 * fields), switches introspection off for the request where it is not allowed, and gives
 * the errors graphql-java raises itself (a query that does not parse or validate, a
 * refused one) the same {@code extensions} as every other error: {@code type} and
 * {@code requestId}.
 */
@Component
class RequestContextInterceptor implements WebGraphQlInterceptor {

	private final boolean introspection;

	RequestContextInterceptor(GraphQlLimits limits) {
		this.introspection = limits.introspection();
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		// the request id filter ran on this thread and put it in the log context
		String requestId = MDC.get("requestId");
		Map<Object, Object> context = new HashMap<>();
		if (requestId != null) {
			context.put(GraphQlErrors.REQUEST_ID, requestId);
		}
		if (!this.introspection) {
			context.put(Introspection.INTROSPECTION_DISABLED, true);
		}
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
		return chain.next(request).map(response -> withProblemTypes(response, requestId));
	}

	private static WebGraphQlResponse withProblemTypes(WebGraphQlResponse response, @Nullable String requestId) {
		List<ResponseError> errors = response.getErrors();
		if (errors.isEmpty() || errors.stream().allMatch(error -> error.getExtensions().containsKey("type"))) {
			return response;
		}
		List<GraphQLError> shaped = new ArrayList<>(errors.size());
		for (ResponseError error : errors) {
			Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions());
			if (!extensions.containsKey("type")) {
				ProblemType type = GraphQlErrors.typeOf(error.getErrorType());
				extensions.putAll(GraphQlErrors.extensions(type, requestId));
			}
			shaped.add(GraphqlErrorBuilder.newError()
				.message(error.getMessage() == null ? "" : error.getMessage())
				.locations(error.getLocations())
				.path(error.getParsedPath().isEmpty() ? null : error.getParsedPath())
				.errorType(error.getErrorType())
				.extensions(extensions)
				.build());
		}
		return response.transform(builder -> builder.errors(shaped));
	}

}
