package dev.fortress.platform.web;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The error model behind every gate: the one place where failures become problem+json.
 * Client mistakes get a precise type and detail; anything unexpected becomes a bare
 * {@code 500} whose details go only to the log, under the request id.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	/**
	 * A module's refusal. Without field errors its body is written directly
	 * ({@link Problems#writeSimple}): these are the answers a flood is made of (a
	 * sold-out drop, a missing resource), and the message converters cost more than the
	 * rest of the refusal. The JSON is the same either way.
	 */
	@ExceptionHandler(ApiException.class)
	@Nullable ResponseEntity<ProblemDetail> api(ApiException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (ex.retryAfter() != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())));
		}
		if (ex.type() == ProblemType.UNAUTHORIZED) {
			// RFC 9110: every 401 names its scheme, also those raised by the application
			// (a wrong password, a revoked refresh token), not only the token filter's.
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		if (ex.errors().isEmpty()) {
			Problems.writeSimple(response, ex.type(), ex.getMessage(), request);
			// A null entity tells MVC that the response is complete.
			return null;
		}
		return ResponseEntity.status(ex.type().status())
			.body(Problems.of(ex.type(), ex.getMessage(), ex.errors(), request));
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException ex, HttpServletRequest request) {
		return validation(fieldErrors(ex.getBindingResult()), request);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException ex, HttpServletRequest request) {
		List<ApiException.FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> {
			String name = Objects.requireNonNullElse(result.getMethodParameter().getParameterName(), "parameter");
			result.getResolvableErrors()
				.forEach(error -> errors.add(new ApiException.FieldError(name, message(error.getDefaultMessage()))));
		});
		return validation(errors, request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		List<ApiException.FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map(violation -> new ApiException.FieldError(lastNode(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		return validation(errors, request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return validation(List.of(new ApiException.FieldError(ex.getName(), "has an invalid value")), request);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException ex,
			HttpServletRequest request) {
		return validation(List.of(new ApiException.FieldError(ex.getParameterName(), "is required")), request);
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException ex, HttpServletRequest request) {
		return validation(List.of(new ApiException.FieldError(ex.getHeaderName(), "header is required")), request);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		if (causedBy(ex, BodySizeLimitFilter.PayloadTooLargeException.class)) {
			return problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large", request);
		}
		return problem(ProblemType.MALFORMED_REQUEST, JsonErrors.describe(ex), request);
	}

	/**
	 * Tomcat could not decode a parameter (a percent-escape that is not UTF-8): the
	 * client's bytes are wrong, not the server.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException ex, HttpServletRequest request) {
		return problem(ProblemType.MALFORMED_REQUEST, "A request parameter is not valid UTF-8", request);
	}

	/**
	 * PostgreSQL refused a value the request carried (SQLSTATE class 22, "data
	 * exception": a NUL character in text, a number or date out of the column's range).
	 * Validation should have caught it; this backstop keeps such input a client error
	 * rather than a 500. The statement failed, so its transaction rolled back: nothing
	 * changed. Anything else (a constraint the code should have checked) stays a 500.
	 */
	private static ResponseEntity<ProblemDetail> refusedValue(String state, HttpServletRequest request) {
		log.warn("Database refused a request value on {} {}: SQLSTATE {}", request.getMethod(), request.getRequestURI(),
				state);
		String detail = "22021".equals(state) ? "Text must not contain NUL characters"
				: "A value in the request is out of range or not representable";
		return problem(ProblemType.MALFORMED_REQUEST, detail, request);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException ex,
			HttpServletRequest request) {
		return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders()).body(notAllowed(ex, request));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException ex,
			HttpServletRequest request) {
		return ResponseEntity.status(ex.getStatusCode())
			.headers(ex.getHeaders())
			.body(Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json", request));
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletRequest request) {
		return problem(ProblemType.NOT_ACCEPTABLE, "This resource is available as application/json", request);
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	ResponseEntity<ProblemDetail> noRoute(Exception ex, HttpServletRequest request) {
		return ResponseEntity.status(ProblemType.NOT_FOUND.status()).body(noRoute(request));
	}

	/** The router's answer when no handler has the request's path. */
	static ProblemDetail noRoute(HttpServletRequest request) {
		return Problems.of(ProblemType.NOT_FOUND, "No resource at this path", request);
	}

	/**
	 * The router's answer when handlers have the path but not the method (the
	 * {@code Allow} header comes from the exception).
	 */
	static ProblemDetail notAllowed(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
		return Problems.of(ProblemType.METHOD_NOT_ALLOWED, "Method " + ex.getMethod() + " is not allowed here",
				request);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		return problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large", request);
	}

	/** A multipart body that does not parse (no boundary, a truncated part). */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> malformedMultipart(MultipartException ex, HttpServletRequest request) {
		return problem(ProblemType.MALFORMED_REQUEST, "The multipart body could not be read", request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return problem(ProblemType.FORBIDDEN, "You are not allowed to do this", request);
	}

	/**
	 * Two transactions deadlocked or a lock wait timed out: the database rolled this one
	 * back, so nothing changed and the same request can simply be sent again.
	 */
	@ExceptionHandler(PessimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> lockConflict(PessimisticLockingFailureException ex, HttpServletRequest request) {
		log.warn("Lock conflict on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
		return ResponseEntity.status(ProblemType.CONFLICT.status())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(Problems.of(ProblemType.CONFLICT, "A concurrent change got in the way; nothing was changed, retry",
					request));
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			QueryTimeoutException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex, HttpServletRequest request) {
		DatabaseOutageFilter.logOutage(request, ex);
		return ResponseEntity.status(ProblemType.SERVICE_UNAVAILABLE.status())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutageFilter.RETRY_AFTER.toSeconds()))
			.body(Problems.of(ProblemType.SERVICE_UNAVAILABLE, DatabaseOutageFilter.DETAIL, request));
	}

	/**
	 * The client went away while it was being answered (a load balancer's timeout, a
	 * buyer closing the tab): there is nobody to answer and nothing wrong here, so no
	 * problem body and no error with a stack trace, under a burst one a request.
	 */
	@ExceptionHandler({ ClientAbortException.class, AsyncRequestNotUsableException.class })
	void clientGone(Exception ex, HttpServletRequest request) {
		log.debug("Client went away during {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
			// A framework exception that already knows it is the client's fault.
			return problem(ProblemType.forStatus(known.getStatusCode().value()), null, request);
		}
		String state = sqlState(ex);
		if (state != null && state.startsWith("22")) {
			// Also when the failure arrives wrapped (e.g. from the batched reservation
			// writer).
			return refusedValue(state, request);
		}
		if (DatabaseOutageFilter.outage(ex) != null) {
			// Also when the failure arrives as something else: a failed rollback on the
			// dead connection that replaced the original failure, or wrapped by the
			// batched reservation writer.
			return databaseUnavailable(ex, request);
		}
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return problem(ProblemType.INTERNAL_ERROR, "An unexpected error occurred", request);
	}

	private static ResponseEntity<ProblemDetail> validation(List<ApiException.FieldError> errors,
			HttpServletRequest request) {
		return ResponseEntity.badRequest()
			.body(Problems.of(ProblemType.VALIDATION_ERROR, "The request is invalid", errors, request));
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemType type, @Nullable String detail,
			HttpServletRequest request) {
		return ResponseEntity.status(type.status()).body(Problems.of(type, detail, request));
	}

	private static List<ApiException.FieldError> fieldErrors(BindingResult result) {
		List<ApiException.FieldError> errors = new ArrayList<>();
		result.getFieldErrors()
			.forEach(error -> errors
				.add(new ApiException.FieldError(error.getField(), message(error.getDefaultMessage()))));
		result.getGlobalErrors()
			.forEach(error -> errors
				.add(new ApiException.FieldError(error.getObjectName(), message(error.getDefaultMessage()))));
		return errors;
	}

	private static String message(@Nullable String message) {
		return message != null ? message : "is invalid";
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return dot >= 0 ? path.substring(dot + 1) : path;
	}

	private static @Nullable String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
