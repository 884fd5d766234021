package dev.fortress.platform.web;

import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Turns a JSON parsing failure into a sentence a client can act on, naming the field but
 * never echoing class names or parser internals.
 */
final class JsonErrors {

	private JsonErrors() {
	}

	static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + unknown.getPropertyName() + "'";
		}
		if (cause instanceof InvalidFormatException invalid) {
			return "Field '" + path(invalid) + "' has an invalid value";
		}
		if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			return "Field '" + path(mismatched) + "' has the wrong type";
		}
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			return "Field '" + path(databind) + "' is invalid";
		}
		if (cause instanceof JacksonException) {
			return "The request body is not valid JSON";
		}
		return "The request body is missing or unreadable";
	}

	private static String path(DatabindException ex) {
		return ex.getPath()
			.stream()
			.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

}
