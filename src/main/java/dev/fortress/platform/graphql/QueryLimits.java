package dev.fortress.platform.graphql;

import java.util.List;
import java.util.Map;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ProblemType;

/**
 * Refuses an operation that is too deep, too complex or uses too many aliases
 * ({@link GraphQlLimits}), after validation and before any field is fetched, with one
 * {@code validation-error}. Complexity counts every field once per node its enclosing
 * connections may return: a field under {@code projects(first: 10)} and
 * {@code tasks(first: 100)} counts 1,000 times. An operation that only introspects the
 * schema ({@code __schema}, {@code __type}) is exempt: its standard query is deep by
 * nature, and introspection is switched off in production.
 */
@Component
class QueryLimits extends SimplePerformantInstrumentation {

	private final GraphQlLimits limits;

	QueryLimits(GraphQlLimits limits) {
		this.limits = limits;
	}

	@Override
	public @Nullable InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		if (introspectionOnly(context.getOperationDefinition())) {
			return super.beginExecuteOperation(parameters, state);
		}
		QueryTraverser traverser = QueryTraverser.newQueryTraverser()
			.schema(context.getGraphQLSchema())
			.document(context.getDocument())
			.operationName(context.getOperationDefinition().getName())
			.coercedVariables(context.getCoercedVariables())
			.build();
		Measure measure = traverser.reducePreOrder(QueryLimits::measure, new Measure(0, 0, 0));
		if (measure.depth() > this.limits.maxDepth()) {
			throw refused("The query is nested " + measure.depth() + " levels deep; at most " + this.limits.maxDepth()
					+ " are allowed", context);
		}
		if (measure.aliases() > this.limits.maxAliases()) {
			throw refused("The query uses " + measure.aliases() + " aliases; at most " + this.limits.maxAliases()
					+ " are allowed", context);
		}
		if (measure.complexity() > this.limits.maxComplexity()) {
			throw refused("The query may resolve " + measure.complexity() + " fields; at most "
					+ this.limits.maxComplexity() + " are allowed (ask for fewer nodes with first)", context);
		}
		return super.beginExecuteOperation(parameters, state);
	}

	private static Measure measure(QueryVisitorFieldEnvironment field, Measure sum) {
		if (field.isTypeNameIntrospectionField()) {
			return sum;
		}
		int depth = 0;
		long weight = 1;
		for (QueryVisitorFieldEnvironment parent = field.getParentEnvironment(); parent != null; parent = parent
			.getParentEnvironment()) {
			depth++;
			weight = Math.min(weight * nodes(parent), Integer.MAX_VALUE);
		}
		int aliases = field.getField().getAlias() != null ? 1 : 0;
		return new Measure(Math.max(sum.depth(), depth + 1),
				(int) Math.min(sum.complexity() + weight, Integer.MAX_VALUE), sum.aliases() + aliases);
	}

	/** How many nodes a field may return: its page size if it is a connection, else 1. */
	private static long nodes(QueryVisitorFieldEnvironment field) {
		GraphQLNamedType type = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(field.getFieldDefinition().getType());
		if (!type.getName().endsWith("Connection")) {
			return 1;
		}
		Map<String, Object> arguments = field.getArguments();
		Object first = arguments.get("first");
		return (first instanceof Integer size && size > 0) ? size : PageArguments.DEFAULT_FIRST;
	}

	private static boolean introspectionOnly(OperationDefinition operation) {
		List<Selection> selections = operation.getSelectionSet().getSelections();
		return !selections.isEmpty() && selections.stream()
			.allMatch(selection -> selection instanceof Field field && field.getName().startsWith("__"));
	}

	private static AbortExecutionException refused(String message, ExecutionContext context) {
		return new AbortExecutionException(List.of(GraphQlErrors.of(message, ProblemType.VALIDATION_ERROR,
				GraphQlErrors.requestId(context.getGraphQLContext()))));
	}

	private record Measure(int depth, int complexity, int aliases) {
	}

}
