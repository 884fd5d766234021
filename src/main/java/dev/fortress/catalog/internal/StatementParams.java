package dev.fortress.catalog.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Named parameters collected while a statement is assembled from fixed fragments. */
final class StatementParams {

	private final Map<String, Object> values = new LinkedHashMap<>();

	StatementParams put(String name, Object value) {
		this.values.put(name, value);
		return this;
	}

	/** Returns the fragment, so a put and its fragment read as one expression. */
	String sql(String fragment) {
		return fragment;
	}

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
		return statement.params(this.values);
	}

}
