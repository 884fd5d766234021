package dev.fortress.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of the application's own OpenAPI document, walked as plain JSON, and
 * valid sample values for their schemas. The robustness sweep starts from a valid sample
 * and spoils one thing at a time, so each hostile variant reaches the check it aims at.
 */
final class OpenApiOperations {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonNode root;

	private final String unique = UUID.randomUUID().toString().substring(0, 6);

	OpenApiOperations(JsonNode root) {
		this.root = root;
	}

	/** One documented operation. */
	record Operation(String method, String path, List<Param> params, @Nullable JsonNode bodySchema,
			boolean bodyRequired) {

		List<Param> params(String in) {
			return this.params.stream().filter(param -> param.in().equals(in)).toList();
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/** One parameter: {@code in} is path, query, header or cookie. */
	record Param(String name, String in, JsonNode schema, boolean required) {
	}

	List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.root.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				if (!METHODS.contains(entry.getKey())) {
					continue;
				}
				JsonNode operation = entry.getValue();
				List<Param> params = new ArrayList<>();
				List<JsonNode> declared = new ArrayList<>();
				path.getValue().path("parameters").forEach(declared::add);
				operation.path("parameters").forEach(declared::add);
				for (JsonNode node : declared) {
					JsonNode param = resolve(node);
					params.add(new Param(param.path("name").asString(), param.path("in").asString(),
							resolve(param.path("schema")), param.path("required").asBoolean(false)));
				}
				JsonNode requestBody = resolve(operation.path("requestBody"));
				JsonNode json = requestBody.path("content").path("application/json").path("schema");
				operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), params,
						json.isMissingNode() ? null : resolve(json), requestBody.path("required").asBoolean(false)));
			}
		}
		return operations;
	}

	/** Follows {@code $ref}s (and a lone {@code allOf}) to the schema itself. */
	JsonNode resolve(JsonNode node) {
		JsonNode current = node;
		for (int hops = 0; hops < 10; hops++) {
			if (current.has("$ref")) {
				current = this.root.at(current.get("$ref").asString().substring(1));
			}
			else if (current.has("allOf") && current.get("allOf").size() == 1) {
				current = current.get("allOf").get(0);
			}
			else if (current.has("oneOf") || current.has("anyOf")) {
				current = current.has("oneOf") ? current.get("oneOf").get(0) : current.get("anyOf").get(0);
			}
			else {
				return current;
			}
		}
		return current;
	}

	/** The JSON type of a schema; OpenAPI 3.1 may say {@code ["string", "null"]}. */
	String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode candidate : type) {
				if (!"null".equals(candidate.asString())) {
					return candidate.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		if (schema.has("properties")) {
			return "object";
		}
		return schema.has("items") ? "array" : "string";
	}

	/** A value that satisfies the schema (as far as a schema can say). */
	JsonNode sample(JsonNode unresolved, String name, int depth) {
		JsonNode schema = resolve(unresolved);
		if (schema.has("enum")) {
			return schema.get("enum").get(0);
		}
		switch (type(schema)) {
			case "object" -> {
				ObjectNode object = NODES.objectNode();
				if (depth < 5) {
					for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
						object.set(property.getKey(), sample(property.getValue(), property.getKey(), depth + 1));
					}
				}
				return object;
			}
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				if (depth < 5) {
					array.add(sample(schema.path("items"), name, depth + 1));
				}
				return array;
			}
			case "integer", "number" -> {
				long value = 1;
				if (schema.has("minimum")) {
					value = Math.max(value, (long) Math.ceil(schema.get("minimum").asDouble()));
				}
				if (schema.has("maximum")) {
					value = Math.min(value, (long) Math.floor(schema.get("maximum").asDouble()));
				}
				return NODES.numberNode(value);
			}
			case "boolean" -> {
				return NODES.booleanNode(false);
			}
			default -> {
				return NODES.stringNode(sampleString(schema, name));
			}
		}
	}

	private String sampleString(JsonNode schema, String name) {
		String format = schema.path("format").asString();
		String lower = name.toLowerCase(Locale.ROOT);
		if ("uuid".equals(format)) {
			return UUID.randomUUID().toString();
		}
		if ("date-time".equals(format)) {
			return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		}
		if ("date".equals(format)) {
			return "2030-01-01";
		}
		if ("email".equals(format) || lower.contains("email")) {
			return "sweep-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		}
		if (lower.equals("currency")) {
			return "USD";
		}
		StringBuilder value = new StringBuilder("sweep-" + this.unique);
		int min = schema.path("minLength").asInt(0);
		while (value.length() < min) {
			value.append('x');
		}
		int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
		return value.length() > max ? value.substring(0, max) : value.toString();
	}

}
