package dev.fortress.platform.graphql;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * Turns what a field's service threw into a GraphQL error: an {@link ApiException} keeps
 * its problem type, detail and field errors (so a GraphQL client reads the same answer as
 * a REST client); anything else is logged with the request id and answered as
 * {@code internal-error} with a fixed message, never the exception's text.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

	@Override
	protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment environment) {
		if (ex instanceof ApiException api) {
			return GraphQlErrors.of(api, environment);
		}
		if (ex instanceof AuthenticationException) {
			return GraphQlErrors.of(new ApiException(ProblemType.UNAUTHORIZED, "An access token is required"),
					environment);
		}
		if (ex instanceof AccessDeniedException) {
			return GraphQlErrors.of(ApiException.forbidden("You may not do this"), environment);
		}
		log.error("GraphQL field {} failed (request {})", environment.getExecutionStepInfo().getPath(),
				GraphQlErrors.requestId(environment.getGraphQlContext()), ex);
		return GraphQlErrors.of(new ApiException(ProblemType.INTERNAL_ERROR, "Internal server error"), environment);
	}

}
