package dev.fortress.payments.sandbox;

import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's authorisation request: amount in minor units, currency, card token,
 * merchant reference. Read strictly: exactly these four fields, each of its type and
 * within its limits, or the request is refused with {@code 400}.
 */
record AuthorizeRequest(long amount, String currency, String token, String reference) {

	/** Ten trillion minor units: far above any order, far below overflow. */
	static final long MAX_AMOUNT = 10_000_000_000_000L;

	private static final Set<String> FIELDS = Set.of("amount", "currency", "token", "reference");

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]{1,100}");

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	static AuthorizeRequest read(SandboxRequest request, JsonMapper json) {
		if (!request.isJson()) {
			throw SandboxRefusal.of(415, "unsupported_media_type", "Send the body as application/json");
		}
		JsonNode body;
		try {
			body = json.readTree(request.body());
		}
		catch (JacksonException ex) {
			throw SandboxRefusal.invalid("The body is not valid JSON");
		}
		if (body == null || !body.isObject() || !FIELDS.containsAll(body.propertyNames())) {
			throw SandboxRefusal.invalid("The body must be an object with amount, currency, token and reference only");
		}
		return new AuthorizeRequest(amount(body.path("amount")), currency(body.path("currency")),
				text(body.path("token"), TOKEN, "token must be 1 to 100 letters, digits or underscores"), SandboxInput
					.reference(body.path("reference").isString() ? body.path("reference").stringValue() : null));
	}

	/** What the idempotency key is bound to: every field that changes the outcome. */
	String fingerprint() {
		return "POST /payments|" + this.amount + "|" + this.currency + "|" + this.token + "|" + this.reference;
	}

	private static long amount(JsonNode amount) {
		if (!amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() < 1
				|| amount.longValue() > MAX_AMOUNT) {
			throw SandboxRefusal.invalid("amount must be a whole number of minor units between 1 and " + MAX_AMOUNT);
		}
		return amount.longValue();
	}

	private static String currency(JsonNode currency) {
		String code = text(currency, CURRENCY, "currency must be an ISO 4217 code such as EUR");
		try {
			Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw SandboxRefusal.invalid("currency must be an ISO 4217 code such as EUR");
		}
		return code;
	}

	private static String text(JsonNode node, Pattern pattern, String rule) {
		if (!node.isString() || !pattern.matcher(node.stringValue()).matches()) {
			throw SandboxRefusal.invalid(rule);
		}
		return node.stringValue();
	}

}
