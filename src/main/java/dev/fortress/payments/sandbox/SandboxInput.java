package dev.fortress.payments.sandbox;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the sandbox accepts as input. Everything is checked before any storage is touched,
 * and a value that breaks a rule is refused with {@code 400} and a message that names the
 * rule (never echoing the value).
 */
final class SandboxInput {

	/** Printable, unambiguous characters only; as long as providers allow (255). */
	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

	private static final Pattern PAYMENT_ID = Pattern.compile("pay_[0-9a-f]{32}");

	private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");

	static final int MAX_PAGE = 100;

	private SandboxInput() {
	}

	static String idempotencyKey(@Nullable String key) {
		if (key == null) {
			throw SandboxRefusal.of(400, "missing_idempotency_key", "An Idempotency-Key header is required");
		}
		if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
			throw SandboxRefusal.of(400, "invalid_idempotency_key",
					"The Idempotency-Key must be 1 to 255 characters: letters, digits, dot, underscore, colon, hyphen");
		}
		return key;
	}

	static String paymentId(String id) {
		if (!PAYMENT_ID.matcher(id).matches()) {
			throw SandboxRefusal.invalid("A payment id is pay_ followed by 32 lowercase hex digits");
		}
		return id;
	}

	static String reference(@Nullable String reference) {
		if (reference == null || !REFERENCE.matcher(reference).matches()) {
			throw SandboxRefusal
				.invalid("The reference must be 1 to 100 characters: letters, digits, dot, underscore, colon, hyphen");
		}
		return reference;
	}

	/** A refunds feed position: the sequence number of the last refund already seen. */
	static long after(@Nullable String after) {
		if (after == null) {
			return 0;
		}
		if (!CURSOR.matcher(after).matches()) {
			throw SandboxRefusal.invalid("after must be a refund sequence number (0 or more)");
		}
		return Long.parseLong(after);
	}

	static int limit(@Nullable String limit) {
		if (limit == null) {
			return MAX_PAGE;
		}
		if (!CURSOR.matcher(limit).matches() || Long.parseLong(limit) < 1 || Long.parseLong(limit) > MAX_PAGE) {
			throw SandboxRefusal.invalid("limit must be between 1 and 100");
		}
		return Integer.parseInt(limit);
	}

}
