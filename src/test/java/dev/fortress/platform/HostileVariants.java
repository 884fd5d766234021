package dev.fortress.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.fortress.platform.OpenApiOperations.Operation;
import dev.fortress.platform.OpenApiOperations.Param;

import static dev.fortress.platform.OpenApiOperations.NODES;

/**
 * Hostile variants of one operation: each starts from a valid request and spoils one
 * thing (a path id, a query parameter, a header, the body or one body field). A variant
 * marked {@code mustBeRejected} is bad input by any reading of the contract and must get
 * a 4xx; the others only must not break the server.
 */
final class HostileVariants {

	private static final String HUNDRED_KB = "a".repeat(100_000);

	private final OpenApiOperations api;

	private final BiFunction<Operation, Param, String> validPathValue;

	HostileVariants(OpenApiOperations api, BiFunction<Operation, Param, String> validPathValue) {
		this.api = api;
		this.validPathValue = validPathValue;
	}

	/**
	 * One request to send; {@code path} and {@code query} are already percent-encoded.
	 */
	record Variant(String name, String path, String query, Map<String, String> headers, @Nullable String body,
			@Nullable String contentType, boolean mustBeRejected) {

		boolean hasBody() {
			return this.body != null;
		}

	}

	List<Variant> of(Operation operation) {
		Request base = base(operation);
		List<Variant> variants = new ArrayList<>();
		Map<String, String> xml = new LinkedHashMap<>(base.headers());
		xml.put("Accept", "application/xml");
		variants.add(base.with("accept application/xml", base.path(), base.query(), xml, base.bodyText(), false));
		pathVariants(operation, base, variants);
		queryVariants(operation, base, variants);
		headerVariants(operation, base, variants);
		if (operation.bodySchema() != null) {
			bodyVariants(operation, base, variants);
		}
		acceptVariants(base, variants);
		return variants;
	}

	/**
	 * Wildcards, parameters and malformed lists in {@code Accept}: none must be refused
	 * (a server may disregard the header), but a refusal must still be a problem.
	 */
	private void acceptVariants(Request base, List<Variant> variants) {
		for (String accept : List.of("*/*", "text/*", "application/json; charset=utf-8; x=y",
				"application/json;q=abc")) {
			Map<String, String> headers = new LinkedHashMap<>(base.headers());
			headers.put("Accept", accept);
			variants.add(base.with("accept " + accept, base.path(), base.query(), headers, base.bodyText(), false));
		}
	}

	/** The valid request itself, under another name (e.g. sent with a wrong method). */
	Variant valid(Operation operation, String name, boolean mustBeRejected) {
		Request base = base(operation);
		return base.with(name, base.path(), base.query(), base.headers(), base.bodyText(), mustBeRejected);
	}

	private Request base(Operation operation) {
		Map<String, String> path = new LinkedHashMap<>();
		operation.params("path").forEach(param -> path.put(param.name(), this.validPathValue.apply(operation, param)));
		Map<String, String> query = new LinkedHashMap<>();
		operation.params("query")
			.stream()
			.filter(Param::required)
			.forEach(param -> query.put(param.name(), encode(sampleText(param))));
		Map<String, String> headers = new LinkedHashMap<>();
		operation.params("header")
			.stream()
			.filter(Param::required)
			.forEach(param -> headers.put(param.name(), sampleText(param)));
		JsonNode body = operation.bodySchema() == null ? null : this.api.sample(operation.bodySchema(), "body", 0);
		return new Request(operation.path(), path, query, headers, body);
	}

	private void pathVariants(Operation operation, Request base, List<Variant> variants) {
		for (Param param : operation.params("path")) {
			boolean uuid = "uuid".equals(param.schema().path("format").asString());
			spoilPath(base, param, variants, "not a uuid", "not-a-uuid", uuid);
			spoilPath(base, param, variants, "random uuid", UUID.randomUUID().toString(), false);
			spoilPath(base, param, variants, "3000 chars", "a".repeat(3000), uuid);
			spoilPath(base, param, variants, "10000 chars", "a".repeat(10_000), true);
			spoilPath(base, param, variants, "encoded NUL", "%00", true);
			spoilPath(base, param, variants, "encoded traversal", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", true);
			spoilPath(base, param, variants, "invalid UTF-8", "%FF%FE", true);
			spoilPath(base, param, variants, "quote injection", "%27%20OR%20%271%27%3D%271", uuid);
			spoilPath(base, param, variants, "negative", "-1", uuid);
			spoilPath(base, param, variants, "overflow", "99999999999999999999", uuid);
			spoilPath(base, param, variants, "bidi and emoji", "%E2%80%AE%F0%9F%92%A3", uuid);
		}
	}

	private void spoilPath(Request base, Param param, List<Variant> variants, String name, String raw,
			boolean mustBeRejected) {
		Map<String, String> path = new LinkedHashMap<>(base.path());
		path.put(param.name(), raw);
		variants.add(base.with("path " + param.name() + ": " + name, path, base.query(), base.headers(),
				base.bodyText(), mustBeRejected));
	}

	private void queryVariants(Operation operation, Request base, List<Variant> variants) {
		for (Param param : operation.params("query")) {
			JsonNode schema = param.schema();
			String type = this.api.type(schema);
			String format = schema.path("format").asString();
			if (param.name().toLowerCase(Locale.ROOT).contains("cursor")) {
				spoilQuery(base, param, variants, "garbage cursor", "garbage!!", true);
				spoilQuery(base, param, variants, "forged cursor",
						encode(java.util.Base64.getUrlEncoder().encodeToString("{\"not\":\"a cursor\"}".getBytes())),
						true);
				spoilQuery(base, param, variants, "5000-char cursor", "A".repeat(5000), true);
				spoilQuery(base, param, variants, "NUL cursor", "%00", true);
			}
			else if (schema.has("enum")) {
				spoilQuery(base, param, variants, "invalid enum", "NOT_A_VALUE", true);
				spoilQuery(base, param, variants, "lower-case enum",
						encode(schema.get("enum").get(0).asString().toLowerCase(Locale.ROOT)), false);
			}
			else if ("integer".equals(type) || "number".equals(type)) {
				spoilQuery(base, param, variants, "not a number", "abc", true);
				spoilQuery(base, param, variants, "negative", "-1",
						schema.has("minimum") && schema.get("minimum").asDouble() > -1);
				spoilQuery(base, param, variants, "huge", "99999999999999999999", true);
				spoilQuery(base, param, variants, "fraction", "1.5", "integer".equals(type));
				spoilQuery(base, param, variants, "zero", "0", false);
			}
			else if ("uuid".equals(format)) {
				spoilQuery(base, param, variants, "not a uuid", "not-a-uuid", true);
			}
			else if ("date".equals(format) || "date-time".equals(format)) {
				spoilQuery(base, param, variants, "not a date", "31%2F12%2F2030", true);
				spoilQuery(base, param, variants, "far future", "%2B999999999-12-31", false);
				spoilQuery(base, param, variants, "far past", "-999999999-01-01", false);
			}
			else if ("boolean".equals(type)) {
				spoilQuery(base, param, variants, "not a boolean", "maybe", true);
			}
			else {
				spoilQuery(base, param, variants, "5000 chars", "A".repeat(5000), false);
				spoilQuery(base, param, variants, "NUL", "%00", false);
				spoilQuery(base, param, variants, "invalid UTF-8", "%FF", false);
				spoilQuery(base, param, variants, "quote injection", "%27%3B--%20%5C", false);
			}
			spoilQuery(base, param, variants, "empty", "", false);
			Map<String, String> twice = new LinkedHashMap<>(base.query());
			twice.put(param.name(), encode(sampleText(param)) + "&" + param.name() + "=" + "abc");
			variants.add(base.with("query " + param.name() + ": repeated", base.path(), twice, base.headers(),
					base.bodyText(), false));
			if (param.required()) {
				Map<String, String> without = new LinkedHashMap<>(base.query());
				without.remove(param.name());
				variants.add(base.with("query " + param.name() + ": missing", base.path(), without, base.headers(),
						base.bodyText(), true));
			}
		}
	}

	private void spoilQuery(Request base, Param param, List<Variant> variants, String name, String raw,
			boolean mustBeRejected) {
		Map<String, String> query = new LinkedHashMap<>(base.query());
		query.put(param.name(), raw);
		variants.add(base.with("query " + param.name() + ": " + name, base.path(), query, base.headers(),
				base.bodyText(), mustBeRejected));
	}

	private void headerVariants(Operation operation, Request base, List<Variant> variants) {
		for (Param param : operation.params("header")) {
			spoilHeader(base, param, variants, "empty", "", param.required());
			spoilHeader(base, param, variants, "blank", "   ", param.required());
			spoilHeader(base, param, variants, "300 chars", "k".repeat(300), false);
			spoilHeader(base, param, variants, "5000 chars", "k".repeat(5000), true);
			spoilHeader(base, param, variants, "latin-1", "\u00fcn\u00efc\u00f8d\u00e9", false);
			spoilHeader(base, param, variants, "path-like", "../../etc/passwd", false);
			spoilHeader(base, param, variants, "quote injection", "'; --", false);
			if (param.required()) {
				Map<String, String> without = new LinkedHashMap<>(base.headers());
				without.remove(param.name());
				variants.add(base.with("header " + param.name() + ": missing", base.path(), base.query(), without,
						base.bodyText(), true));
			}
		}
	}

	private void spoilHeader(Request base, Param param, List<Variant> variants, String name, String value,
			boolean mustBeRejected) {
		Map<String, String> headers = new LinkedHashMap<>(base.headers());
		headers.put(param.name(), value);
		variants.add(base.with("header " + param.name() + ": " + name, base.path(), base.query(), headers,
				base.bodyText(), mustBeRejected));
	}

	private void bodyVariants(Operation operation, Request base, List<Variant> variants) {
		JsonNode schema = this.api.resolve(operation.bodySchema());
		boolean object = base.body() instanceof ObjectNode;
		body(base, variants, "malformed JSON", "{\"a\":", true);
		body(base, variants, "truncated", base.bodyText().substring(0, base.bodyText().length() / 2), true);
		body(base, variants, "array instead of object", "[]", object);
		body(base, variants, "string instead of object", "\"text\"", object);
		body(base, variants, "number instead of object", "12345", object);
		body(base, variants, "JSON null", "null", operation.bodyRequired());
		body(base, variants, "empty", "", operation.bodyRequired());
		body(base, variants, "deeply nested arrays", "[".repeat(10_000) + "]".repeat(10_000), true);
		body(base, variants, "deeply nested objects", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), true);
		if (object) {
			ObjectNode unknown = ((ObjectNode) base.body()).deepCopy();
			unknown.put("zzUnknownField", 1);
			body(base, variants, "unknown field", unknown.toString(), true);
			body(base, variants, "trailing garbage", base.bodyText() + " {\"x\":1} garbage", true);
			ObjectNode first = (ObjectNode) base.body();
			if (!first.isEmpty()) {
				String name = first.propertyNames().iterator().next();
				String duplicate = base.bodyText().substring(0, base.bodyText().length() - 1) + ",\"" + name + "\":"
						+ first.get(name) + "}";
				body(base, variants, "duplicate key", duplicate, true);
			}
			ObjectNode nulls = ((ObjectNode) base.body()).deepCopy();
			nulls.propertyNames().forEach(nulls::putNull);
			body(base, variants, "nulls everywhere", nulls.toString(), !schema.path("required").isEmpty());
			boolean[] limited = { false };
			JsonNode big = replaceStrings(base.body(), schema, HUNDRED_KB, limited);
			body(base, variants, "100 KB strings", big.toString(), limited[0]);
			body(base, variants, "NUL in strings",
					replaceStrings(base.body(), schema, "x\u0000y", new boolean[1]).toString(), false);
			fieldVariants(base, variants, schema, "", base.body(), 0);
		}
		contentTypes(base, variants);
	}

	private void contentTypes(Request base, List<Variant> variants) {
		variants.add(new Variant("content-type text/plain", base.rawPath(), base.rawQuery(), base.headers(),
				base.bodyText(), "text/plain", true));
		variants.add(new Variant("content-type application/xml", base.rawPath(), base.rawQuery(), base.headers(),
				"<a>1</a>", "application/xml", true));
		variants.add(new Variant("content-type form", base.rawPath(), base.rawQuery(), base.headers(), "a=b",
				"application/x-www-form-urlencoded", true));
		variants.add(new Variant("no content-type", base.rawPath(), base.rawQuery(), base.headers(), base.bodyText(),
				null, true));
		variants.add(new Variant("content-type garbage", base.rawPath(), base.rawQuery(), base.headers(),
				base.bodyText(), "json;;;=", true));
		// A body's type is one concrete media type: wildcards and broken parameters are
		// refused; valid extra parameters are not.
		for (String wildcard : List.of("application/*", "*/*", "text/*", "application/json; charset=no-such-charset",
				"application/json; x=\"open")) {
			variants.add(new Variant("content-type " + wildcard, base.rawPath(), base.rawQuery(), base.headers(),
					base.bodyText(), wildcard, true));
		}
		variants.add(new Variant("content-type json with parameters", base.rawPath(), base.rawQuery(), base.headers(),
				base.bodyText(), "application/json; charset=utf-8; x=y", false));
	}

	/** One field at a time: wrong type, null, out of range, invalid enum or format. */
	private void fieldVariants(Request base, List<Variant> variants, JsonNode parentSchema, String pointer,
			JsonNode parent, int depth) {
		if (depth > 3 || !(parent instanceof ObjectNode)) {
			return;
		}
		JsonNode required = parentSchema.path("required");
		for (Map.Entry<String, JsonNode> property : parentSchema.path("properties").properties()) {
			String name = property.getKey();
			String at = pointer + "/" + name;
			JsonNode schema = this.api.resolve(property.getValue());
			String type = this.api.type(schema);
			String format = schema.path("format").asString();
			boolean isRequired = false;
			for (JsonNode requiredName : required) {
				isRequired |= requiredName.asString().equals(name);
			}
			field(base, variants, at, "null", node -> NODES.nullNode(), isRequired);
			switch (type) {
				case "object" -> {
					field(base, variants, at, "string instead of object", node -> NODES.stringNode("text"), true);
					fieldVariants(base, variants, schema, at, parent.get(name), depth + 1);
				}
				case "array" -> {
					field(base, variants, at, "string instead of array", node -> NODES.stringNode("text"), true);
					field(base, variants, at, "2000 items", node -> {
						ArrayNode many = NODES.arrayNode();
						for (int i = 0; i < 2000; i++) {
							many.add(node.isEmpty() ? NODES.stringNode("x") : node.get(0).deepCopy());
						}
						return many;
					}, schema.has("maxItems") && schema.get("maxItems").asInt() < 2000);
					JsonNode items = this.api.resolve(schema.path("items"));
					JsonNode first = parent.get(name).isEmpty() ? null : parent.get(name).get(0);
					if (first instanceof ObjectNode) {
						fieldVariants(base, variants, items, at + "/0", first, depth + 1);
					}
				}
				case "integer", "number" -> {
					field(base, variants, at, "string instead of number", node -> NODES.stringNode("abc"), true);
					field(base, variants, at, "overflow",
							node -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")),
							"integer".equals(type) || schema.has("maximum"));
					if ("integer".equals(type)) {
						field(base, variants, at, "fraction", node -> NODES.numberNode(1.5), true);
					}
					if (schema.has("minimum")) {
						field(base, variants, at, "below minimum",
								node -> NODES.numberNode(schema.get("minimum").asLong() - 1), true);
					}
					else {
						field(base, variants, at, "negative", node -> NODES.numberNode(-1), false);
					}
					if (schema.has("maximum")) {
						field(base, variants, at, "above maximum",
								node -> NODES.numberNode(schema.get("maximum").asLong() + 1), true);
					}
				}
				case "boolean" ->
					field(base, variants, at, "string instead of boolean", node -> NODES.stringNode("maybe"), true);
				default -> {
					field(base, variants, at, "object instead of string", node -> NODES.objectNode().put("a", 1), true);
					if (schema.has("enum")) {
						field(base, variants, at, "invalid enum", node -> NODES.stringNode("NOT_A_VALUE"), true);
					}
					else if ("uuid".equals(format)) {
						field(base, variants, at, "not a uuid", node -> NODES.stringNode("not-a-uuid"), true);
					}
					else if ("date-time".equals(format) || "date".equals(format)) {
						field(base, variants, at, "not a date", node -> NODES.stringNode("2030-13-45T99:99"), true);
						boolean instant = "date-time".equals(format);
						field(base, variants, at, "far future",
								node -> NODES.stringNode(instant ? "+999999999-12-31T23:59:59Z" : "+999999999-12-31"),
								false);
						field(base, variants, at, "far past",
								node -> NODES.stringNode(instant ? "-999999999-01-01T00:00:00Z" : "-999999999-01-01"),
								false);
					}
				}
			}
		}
	}

	private void field(Request base, List<Variant> variants, String pointer, String name, UnaryOperator<JsonNode> spoil,
			boolean mustBeRejected) {
		JsonNode copy = base.body().deepCopy();
		int slash = pointer.lastIndexOf('/');
		JsonNode parent = copy.at(pointer.substring(0, slash));
		String key = pointer.substring(slash + 1);
		if (parent instanceof ObjectNode object) {
			object.set(key, spoil.apply(object.get(key)));
		}
		else if (parent instanceof ArrayNode array) {
			int index = Integer.parseInt(key);
			array.set(index, spoil.apply(array.get(index)));
		}
		body(base, variants, "field " + pointer + ": " + name, copy.toString(), mustBeRejected);
	}

	private void body(Request base, List<Variant> variants, String name, String body, boolean mustBeRejected) {
		variants.add(base.with("body: " + name, base.path(), base.query(), base.headers(), body, mustBeRejected));
	}

	/**
	 * Every free-text string becomes 100 KB; {@code limited} says whether any had a
	 * maxLength.
	 */
	private JsonNode replaceStrings(JsonNode node, JsonNode schema, String text, boolean[] limited) {
		JsonNode resolved = this.api.resolve(schema);
		if (node instanceof ObjectNode object) {
			ObjectNode copy = NODES.objectNode();
			object.properties()
				.forEach(entry -> copy.set(entry.getKey(), replaceStrings(entry.getValue(),
						resolved.path("properties").path(entry.getKey()), text, limited)));
			return copy;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = NODES.arrayNode();
			array.forEach(item -> copy.add(replaceStrings(item, resolved.path("items"), text, limited)));
			return copy;
		}
		if (node.isString() && !resolved.has("enum") && !resolved.has("format")) {
			limited[0] |= resolved.path("maxLength").asInt(Integer.MAX_VALUE) < 100_000;
			return NODES.stringNode(text);
		}
		return node;
	}

	private String sampleText(Param param) {
		if ("Idempotency-Key".equalsIgnoreCase(param.name())) {
			return UUID.randomUUID().toString();
		}
		JsonNode sample = this.api.sample(param.schema(), param.name(), 0);
		return sample.isString() ? sample.asString() : sample.toString();
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The valid request the variants start from. */
	private record Request(String template, Map<String, String> path, Map<String, String> query,
			Map<String, String> headers, @Nullable JsonNode body) {

		String rawPath() {
			return expand(this.path);
		}

		String rawQuery() {
			return queryString(this.query);
		}

		String bodyText() {
			return this.body == null ? null : this.body.toString();
		}

		String expand(Map<String, String> values) {
			String result = this.template;
			for (Map.Entry<String, String> value : values.entrySet()) {
				result = result.replace("{" + value.getKey() + "}", value.getValue());
			}
			return result;
		}

		static String queryString(Map<String, String> values) {
			StringBuilder query = new StringBuilder();
			values.forEach(
					(name, value) -> query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(value));
			return query.toString();
		}

		Variant with(String name, Map<String, String> path, Map<String, String> query, Map<String, String> headers,
				@Nullable String body, boolean mustBeRejected) {
			return new Variant(name, expand(path), queryString(query), headers, body,
					body == null ? null : "application/json", mustBeRejected);
		}

	}

}
