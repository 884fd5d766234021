package dev.fortress.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The stable error types of the API. The last path segment of {@link #uri()} is the slug
 * clients may switch on; the HTTP status always equals {@link #status()}.
 */
public enum ProblemType {

	MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
	VALIDATION_ERROR("validation-error", "Validation failed", HttpStatus.BAD_REQUEST),
	UNAUTHORIZED("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED),
	PAYMENT_DECLINED("payment-declined", "Payment declined", HttpStatus.PAYMENT_REQUIRED),
	FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
	NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
	METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
	NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
	CONFLICT("conflict", "Conflict", HttpStatus.CONFLICT), SOLD_OUT("sold-out", "Sold out", HttpStatus.CONFLICT),
	IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", "Idempotency key in use", HttpStatus.CONFLICT),
	PRECONDITION_FAILED("precondition-failed", "Precondition failed", HttpStatus.PRECONDITION_FAILED),
	PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused with a different request",
			HttpStatus.UNPROCESSABLE_CONTENT),
	RATE_LIMITED("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
	INTERNAL_ERROR("internal-error", "Internal server error", HttpStatus.INTERNAL_SERVER_ERROR),
	SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE);

	private static final String BASE = "https://fortress.dev/problems/";

	private final String slug;

	private final String title;

	private final HttpStatus status;

	/** Parsed once: every problem carries it, and a URI is immutable. */
	private final URI uri;

	ProblemType(String slug, String title, HttpStatus status) {
		this.slug = slug;
		this.title = title;
		this.status = status;
		this.uri = URI.create(BASE + slug);
	}

	public String slug() {
		return this.slug;
	}

	public String title() {
		return this.title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public URI uri() {
		return this.uri;
	}

	/** The generic type for a status that has no more specific one. */
	public static ProblemType forStatus(int status) {
		for (ProblemType type : values()) {
			if (type.status.value() == status) {
				return type;
			}
		}
		return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
	}

}
