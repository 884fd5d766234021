package dev.fortress.platform.web;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A failure that the client caused or must know about, rendered as problem+json with the
 * given {@link ProblemType}. Modules throw it (or its factories) from services and
 * controllers; the detail is shown to the client, so it must never carry internals.
 */
public class ApiException extends RuntimeException {

	private final ProblemType type;

	private final List<FieldError> errors;

	private final @Nullable Duration retryAfter;

	public ApiException(ProblemType type, String detail) {
		this(type, detail, List.of(), null);
	}

	public ApiException(ProblemType type, String detail, List<FieldError> errors, @Nullable Duration retryAfter) {
		super(detail, null, false, false);
		this.type = type;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
	}

	public static ApiException notFound(String what) {
		return new ApiException(ProblemType.NOT_FOUND, what + " not found");
	}

	public static ApiException forbidden(String detail) {
		return new ApiException(ProblemType.FORBIDDEN, detail);
	}

	public static ApiException conflict(String detail) {
		return new ApiException(ProblemType.CONFLICT, detail);
	}

	public static ApiException invalid(String field, String message) {
		return new ApiException(ProblemType.VALIDATION_ERROR, "The request is invalid",
				List.of(new FieldError(field, message)), null);
	}

	public static ApiException unavailable(String detail, Duration retryAfter) {
		return new ApiException(ProblemType.SERVICE_UNAVAILABLE, detail, List.of(), retryAfter);
	}

	public ProblemType type() {
		return this.type;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * One invalid input: the field (JSON property or query parameter) and what is wrong.
	 */
	public record FieldError(String field, String message) {
	}

}
