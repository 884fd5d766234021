package dev.fortress.platform.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How big a GraphQL operation may be ({@code fortress.graphql.*}). A query over the
 * limits is refused before any field runs.
 *
 * @param maxDepth deepest field nesting (a task board with comment authors is 9)
 * @param maxComplexity most fields the operation may resolve, counting each field once
 * per node its connections may return ({@code first}, or its default); a board of 100
 * tasks with ten comments each and their authors is about 6,000
 * @param maxAliases most aliased fields in one document, so one request cannot repeat an
 * expensive field under many names
 * @param introspection whether the schema may be introspected ({@code __schema},
 * {@code __type}); off in production. Decided per request rather than with Spring Boot's
 * {@code spring.graphql.schema.introspection.enabled}, which switches graphql-java's
 * introspection off for the whole JVM (every application context in it, tests included)
 */
@ConfigurationProperties("fortress.graphql")
public record GraphQlLimits(Integer maxDepth, Integer maxComplexity, Integer maxAliases, Boolean introspection) {

	public GraphQlLimits {
		introspection = introspection == null || introspection;
		maxDepth = maxDepth == null ? 12 : maxDepth;
		maxComplexity = maxComplexity == null ? 10_000 : maxComplexity;
		maxAliases = maxAliases == null ? 30 : maxAliases;
	}

}
