package dev.fortress.platform.graphql;

import java.util.List;
import java.util.Map;

import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Node;
import graphql.language.StringValue;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ProblemType;

/**
 * Refuses an operation whose text arguments or variables contain a NUL character, before
 * any field runs, as {@code malformed-request}: PostgreSQL rejects it in {@code text}, so
 * it must never reach a query (it would fail there, not as the client's mistake). The
 * REST API refuses it in parameters and bodies the same way.
 */
@Component
class PlainTextInput extends SimplePerformantInstrumentation {

	@Override
	public @Nullable InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		if (hasNul(context.getOperationDefinition()) || hasNul(context.getCoercedVariables().toMap())
				|| context.getFragmentsByName().values().stream().anyMatch(PlainTextInput::hasNul)) {
			throw new AbortExecutionException(List.of(GraphQlErrors.of("Text must not contain NUL characters",
					ProblemType.MALFORMED_REQUEST, GraphQlErrors.requestId(context.getGraphQLContext()))));
		}
		return super.beginExecuteOperation(parameters, state);
	}

	private static boolean hasNul(Node<?> node) {
		if (node instanceof StringValue text && text.getValue().indexOf('\0') >= 0) {
			return true;
		}
		for (Node<?> child : node.getChildren()) {
			if (hasNul(child)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasNul(@Nullable Object value) {
		if (value instanceof String text) {
			return text.indexOf('\0') >= 0;
		}
		if (value instanceof Map<?, ?> map) {
			return map.values().stream().anyMatch(PlainTextInput::hasNul);
		}
		if (value instanceof List<?> list) {
			return list.stream().anyMatch(PlainTextInput::hasNul);
		}
		return false;
	}

}
