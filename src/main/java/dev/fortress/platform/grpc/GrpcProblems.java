package dev.fortress.platform.grpc;

import java.time.Duration;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.DatabaseOutageFilter;
import dev.fortress.platform.web.ProblemType;

/**
 * How a failure reads to a gRPC client: the status code for the problem type and a
 * {@code google.rpc.Status} in the trailers whose {@code ErrorInfo} carries the same
 * problem type slug as REST's problem+json ({@code reason}), the domain
 * {@code fortress.dev} and the request id; a validation error adds a {@code BadRequest}
 * with its field violations, a refusal that says when to come back a {@code RetryInfo}.
 * Anything unexpected is {@code INTERNAL} with a generic message: internals are logged
 * with the request id, never sent.
 */
public final class GrpcProblems {

	static final String DOMAIN = "fortress.dev";

	private static final Logger log = LoggerFactory.getLogger(GrpcProblems.class);

	private GrpcProblems() {
	}

	/** The status a client sees for {@code failure} in the call {@code requestId}. */
	public static StatusRuntimeException toStatus(Throwable failure, String requestId) {
		if (failure instanceof StatusRuntimeException || failure instanceof StatusException) {
			// already a gRPC answer (a cancelled call, an expired deadline)
			return Status.fromThrowable(failure).asRuntimeException(Status.trailersFromThrowable(failure));
		}
		if (failure instanceof ApiException problem) {
			return of(problem.type(), problem.getMessage(), problem, requestId);
		}
		if (failure instanceof AuthenticationException) {
			return of(ProblemType.UNAUTHORIZED, "A valid access token is required", null, requestId);
		}
		if (failure instanceof AccessDeniedException) {
			return of(ProblemType.FORBIDDEN, "Access denied", null, requestId);
		}
		if (DatabaseOutageFilter.outage(failure) != null) {
			log.warn("gRPC call {} failed: the database is unavailable", requestId);
			return of(ProblemType.SERVICE_UNAVAILABLE, "The database is unavailable; retry shortly",
					ApiException.unavailable("", Duration.ofSeconds(1)), requestId);
		}
		log.error("gRPC call {} failed", requestId, failure);
		return of(ProblemType.INTERNAL_ERROR, "Internal server error", null, requestId);
	}

	/** The gRPC code of a problem type (docs/grpc.md has the table). */
	public static Code code(ProblemType type) {
		return switch (type) {
			case MALFORMED_REQUEST, VALIDATION_ERROR, UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE -> Code.INVALID_ARGUMENT;
			case UNAUTHORIZED -> Code.UNAUTHENTICATED;
			case FORBIDDEN -> Code.PERMISSION_DENIED;
			case NOT_FOUND -> Code.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> Code.UNIMPLEMENTED;
			case SOLD_OUT, CONFLICT, PAYMENT_DECLINED, PRECONDITION_FAILED -> Code.FAILED_PRECONDITION;
			case IDEMPOTENCY_KEY_IN_USE -> Code.ABORTED;
			case IDEMPOTENCY_KEY_REUSED -> Code.ALREADY_EXISTS;
			case RATE_LIMITED, PAYLOAD_TOO_LARGE -> Code.RESOURCE_EXHAUSTED;
			case SERVICE_UNAVAILABLE -> Code.UNAVAILABLE;
			case INTERNAL_ERROR -> Code.INTERNAL;
		};
	}

	private static StatusRuntimeException of(ProblemType type, String detail, @Nullable ApiException problem,
			String requestId) {
		Code code = code(type);
		com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
			.setCode(code.getNumber())
			.setMessage(detail)
			.addDetails(Any.pack(ErrorInfo.newBuilder()
				.setReason(type.slug())
				.setDomain(DOMAIN)
				.putMetadata("type", type.uri().toString())
				.putMetadata("requestId", requestId)
				.build()));
		if (problem != null && !problem.errors().isEmpty()) {
			BadRequest.Builder badRequest = BadRequest.newBuilder();
			for (ApiException.FieldError error : problem.errors()) {
				badRequest.addFieldViolations(
						BadRequest.FieldViolation.newBuilder().setField(error.field()).setDescription(error.message()));
			}
			status.addDetails(Any.pack(badRequest.build()));
		}
		if (problem != null && problem.retryAfter() != null) {
			Duration retryAfter = problem.retryAfter();
			status.addDetails(Any.pack(RetryInfo.newBuilder()
				.setRetryDelay(com.google.protobuf.Duration.newBuilder()
					.setSeconds(retryAfter.toSeconds())
					.setNanos(retryAfter.toNanosPart()))
				.build()));
		}
		return StatusProto.toStatusRuntimeException(status.build());
	}

}
