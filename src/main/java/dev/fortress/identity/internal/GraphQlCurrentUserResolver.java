package dev.fortress.identity.internal;

import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.stereotype.Component;

import graphql.schema.DataFetchingEnvironment;

import dev.fortress.identity.CurrentUser;

/**
 * Supplies GraphQL controller methods with a {@link CurrentUser} parameter, as
 * {@link CurrentUserResolver} does for REST controllers: from the verified token of the
 * request. A field that takes one and is asked for without a token answers
 * {@code unauthorized} (null and an error), while the public fields of the same query
 * still answer.
 */
@Component
class GraphQlCurrentUserResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CurrentUser.class;
	}

	@Override
	public CurrentUser resolveArgument(MethodParameter parameter, DataFetchingEnvironment environment) {
		return CurrentUser.current();
	}

}
