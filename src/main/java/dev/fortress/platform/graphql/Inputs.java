package dev.fortress.platform.graphql;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * Reading a mutation's input: the GraphQL schema has already checked its shape (unknown
 * fields and wrong types never reach a controller); this checks what the schema cannot
 * say (an {@code ID} that must be a UUID) and applies the Bean Validation rules of the
 * REST request the input is turned into, so both APIs refuse the same input with the same
 * field errors.
 */
public final class Inputs {

	private Inputs() {
	}

	/**
	 * @throws ApiException 400 validation-error naming the field if it is not a UUID
	 */
	public static @Nullable UUID uuid(String field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value.toString());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(field, "must be a UUID");
		}
	}

	/** A UUID that must be there (the schema made it non-null). */
	public static UUID requiredUuid(String field, Object value) {
		UUID id = uuid(field, value);
		if (id == null) {
			throw ApiException.invalid(field, "is required");
		}
		return id;
	}

	public static <E extends Enum<E>> @Nullable E enumValue(Class<E> type, @Nullable Object value) {
		// the schema's enums have the Java enums' names, so only those arrive here
		return value == null ? null : Enum.valueOf(type, value.toString());
	}

	/**
	 * A text argument with the REST parameter's length limit: blank is absent, longer is
	 * a validation error.
	 */
	public static @Nullable String text(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > max) {
			throw ApiException.invalid(field, "size must be between 0 and " + max);
		}
		return value.strip();
	}

	@SuppressWarnings("unchecked")
	public static @Nullable List<String> strings(@Nullable Object value) {
		return (List<String>) value;
	}

	/** The value of a field of an input, typed. */
	@SuppressWarnings("unchecked")
	public static <T> @Nullable T get(Map<String, Object> input, String field) {
		return (T) input.get(field);
	}

	/**
	 * @throws ApiException 400 validation-error with every violated rule, by field, if
	 * the request breaks its constraints
	 */
	public static <T> T valid(Validator validator, T request) {
		List<ApiException.FieldError> errors = validator.validate(request)
			.stream()
			.sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
			.map(v -> new ApiException.FieldError(v.getPropertyPath().toString(), v.getMessage()))
			.toList();
		if (!errors.isEmpty()) {
			throw new ApiException(ProblemType.VALIDATION_ERROR, "The request is invalid", errors, null);
		}
		return request;
	}

}
